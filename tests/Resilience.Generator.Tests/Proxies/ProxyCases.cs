namespace Resilience.Generator.Tests.Proxies;

/// <summary>Source for generated proxies: every member kind, policies from each place, and bad input. Baselines under Baselines/.</summary>
public static class ProxyCases
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Resilience;\n";

    public static readonly IReadOnlyDictionary<string, string> Valid = new Dictionary<string, string>
    {
        ["Proxy_IssueExample"] = Usings + """
            namespace Demo;
            public interface IInventoryApi
            {
                [Retry(MaxRetries = 2, BaseDelayMs = 100)]
                Task<int> GetStockAsync(string sku, CancellationToken ct = default);
                Task SetStockAsync(string sku, int count, CancellationToken ct = default);
                int Version { get; }
                event EventHandler? Changed;
            }

            [ResilientProxy(typeof(IInventoryApi))]
            [CircuitBreaker(Name = "inventory", FailureThreshold = 3)]
            public partial class ResilientInventoryApi
            {
                [Timeout(2_000)]
                public partial Task SetStockAsync(string sku, int count, CancellationToken ct = default);
            }
            """,
        ["Proxy_EveryMemberKind"] = Usings + """
            namespace Demo.Catalog
            {
                public enum Sort { Name, Price }
                public interface IReadOnlyCatalog
                {
                    int Count { get; }
                    string? this[int index] { get; }
                    bool TryFind(string sku, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? name);
                }
                public interface INamed { string Name { get; } }
                public interface ILabelled { string Name { get; } }
                public interface ICatalog : IReadOnlyCatalog, INamed, ILabelled, IDisposable
                {
                    string this[string sku] { get; set; }
                    string Title { get; set; }
                    event EventHandler<string>? Renamed;
                    void Add(string sku, string name);
                    ref int Slot(int index);
                    T Convert<T, TKey>(TKey key, T fallback = default!) where T : class?, new() where TKey : notnull, IComparable<TKey>;
                    ValueTask<IReadOnlyList<string>> ListAsync(Sort sort = Sort.Price, int page = 1, double scale = 1.5, string prefix = "a\"b", CancellationToken ct = default);
                    IEnumerable<string> Names(params string[] prefixes);
                    string Describe() => "catalog of " + Count;
                }
            }

            namespace Demo.Proxies
            {
                [ResilientProxy(typeof(Demo.Catalog.ICatalog))]
                public sealed partial class ResilientCatalog
                {
                    // Implemented by hand: the generator leaves it alone.
                    public string Title { get; set; } = "mine";
                }
            }
            """,
        ["Proxy_PolicyPrecedenceOptOutAndCore"] = Usings + """
            namespace Demo;
            public sealed class Order { }
            public interface IOrders
            {
                [Retry(MaxRetries = 5)]
                [Timeout(1_000)]
                Task<Order> GetAsync(string id, CancellationToken ct);

                [NoClassPolicies(ClassPolicies.Bulkhead)]
                ValueTask<int> CountAsync(CancellationToken ct);

                Task<string> PlaceAsync(string id, CancellationToken ct);

                T Peek<T>(string id) where T : struct;

                [NoClassPolicies]
                void Ping();
            }

            [ResilientProxy(typeof(IOrders))]
            [Retry(MaxRetries = 1, BaseDelayMs = 10)]
            [Bulkhead(MaxConcurrency = 4)]
            internal partial class ResilientOrders
            {
                [Retry(MaxRetries = 9)]
                public partial Task<Order> GetAsync(string id, CancellationToken ct);

                [Idempotent(Key = "order:{id}")]
                [Fallback(nameof(PlaceFromQueueAsync))]
                public partial Task<string> PlaceAsync(string id, CancellationToken ct);

                private Task<string> PlaceFromQueueAsync(string id, CancellationToken ct) => Task.FromResult("queued " + id);

                // A user-written Core replaces the inner call.
                private ValueTask<int> CountAsyncCore(CancellationToken ct) => new(42);
            }
            """,
        ["ClassLevel_OrdinaryPartialClass"] = Usings + """
            namespace Demo;
            [Retry(MaxRetries = 2, BaseDelayMs = 50)]
            [Timeout(3_000)]
            public partial class Agent
            {
                public partial Task<string> FetchAsync(string id, CancellationToken ct);
                private Task<string> FetchAsyncCore(string id, CancellationToken ct) => Task.FromResult(id);

                [Timeout(500)]
                public partial Task SaveAsync(string id, CancellationToken ct);
                private Task SaveAsyncCore(string id, CancellationToken ct) => Task.CompletedTask;

                [NoClassPolicies(ClassPolicies.Retry)]
                internal partial int Count(CancellationToken ct);
                private int CountCore(CancellationToken ct) => 1;

                // A classic optional hook stays unimplemented.
                partial void OnFetched(string id);
            }
            """,
    };

    public static readonly IReadOnlyDictionary<string, string> Invalid = new Dictionary<string, string>
    {
        ["Proxy_UnforwardableMembers"] = Usings + """
            namespace Demo;
            public interface IWidgets
            {
                string Name { get; init; }
                [Fallback("Cached")]
                Task<int> CountAsync(CancellationToken ct);
                IAsyncEnumerable<int> StreamAsync(CancellationToken ct);
            }

            [ResilientProxy(typeof(IWidgets))]
            [Retry]
            public partial class ResilientWidgets
            {
                [Timeout(100)]
                public partial Task<int> CountAsync(string id);

                [NoClassPolicies(ClassPolicies.Timeout)]
                public partial Task<int> CountAsync(CancellationToken ct);
            }
            """,
    };

    public static readonly IReadOnlyDictionary<string, string> Rejected = new Dictionary<string, string>
    {
        ["NotPartial"] = Usings + "public interface IA { void M(); }\n[ResilientProxy(typeof(IA))] public class P { }",
        ["NotAnInterface"] = Usings + "public class A { }\n[ResilientProxy(typeof(A))] public partial class P { }",
        ["OpenGeneric"] = Usings + "public interface IRepo<T> { T Get(); }\n[ResilientProxy(typeof(IRepo<>))] public partial class P { }",
        ["GenericProxy"] = Usings + "public interface IRepo<T> { T Get(); }\n[ResilientProxy(typeof(IRepo<int>))] public partial class P<T> { }",
        ["StaticAbstract"] = Usings + "public interface IParse { static abstract IParse Parse(string s); void M(); }\n[ResilientProxy(typeof(IParse))] public partial class P { }",
        ["UnknownType"] = Usings + "[ResilientProxy(typeof(IMissing))] public partial class P { }",
    };
}
