namespace Resilience.Generator.Tests;

/// <summary>Source for every supported shape and for invalid input. Each case has a baseline under Baselines/.</summary>
public static class ShapeCases
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Resilience;\n";

    public static readonly IReadOnlyDictionary<string, string> Valid = new Dictionary<string, string>
    {
        ["InstanceTaskOfT_RetryTimeoutFallback"] = Usings + """
            namespace Demo;
            public sealed record Metrics(double Value);
            public partial class IncidentAgent
            {
                [Retry(MaxRetries = 3, BaseDelayMs = 1000, Jitter = Jitter.Full)]
                [Timeout(5_000)]
                [Fallback(nameof(FetchMetricsFromCacheAsync))]
                public partial Task<Metrics> FetchMetricsAsync(string service, CancellationToken ct = default);
                private Task<Metrics> FetchMetricsAsyncCore(string service, CancellationToken ct) => Task.FromResult(new Metrics(1));
                private Task<Metrics> FetchMetricsFromCacheAsync(string service, CancellationToken ct) => Task.FromResult(new Metrics(0));
            }
            """,
        ["StaticSyncValue_RetryAllOptions"] = Usings + """
            namespace Demo;
            public static partial class Pricing
            {
                [Retry(MaxRetries = 5, BaseDelayMs = 10, MaxDelayMs = 200, Backoff = Backoff.Linear, ExponentialBase = 1.5, Jitter = Jitter.Decorrelated,
                       MaxTotalDelayMs = 500, RetryOn = new[] { typeof(TimeoutException), typeof(System.IO.IOException) },
                       AbortOn = new[] { typeof(ArgumentException) }, ShouldRetry = nameof(IsTransient))]
                internal static partial decimal Quote(string sku, int quantity);
                private static decimal QuoteCore(string sku, int quantity) => 1m;
                private static bool IsTransient(Exception exception) => true;
            }
            """,
        ["Void_Retry"] = Usings + """
            namespace Demo;
            public partial class Notifier
            {
                [Retry(MaxRetries = 2, Jitter = Jitter.None)]
                public partial void Notify(string message);
                private void NotifyCore(string message) { }
            }
            """,
        ["Task_RetryTimeout"] = Usings + """
            namespace Demo;
            public partial class Deployer
            {
                [Retry]
                [Timeout(2_000)]
                public partial Task RestartAsync(string service, CancellationToken cancellationToken);
                private Task RestartAsyncCore(string service, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """,
        ["ValueTask_Fallback"] = Usings + """
            namespace Demo;
            public partial class Cache
            {
                [Fallback(nameof(Skip))]
                public partial ValueTask WarmAsync(CancellationToken cancellationToken);
                private ValueTask WarmAsyncCore(CancellationToken cancellationToken) => default;
                private void Skip(CancellationToken cancellationToken) { }
            }
            """,
        ["ValueTaskOfT_RetryFallback"] = Usings + """
            namespace Demo;
            public partial class Lookup
            {
                [Retry(MaxRetries = 1, BaseDelayMs = 0)]
                [Fallback(nameof(FindCachedAsync))]
                public partial ValueTask<string?> FindAsync(int id);
                private ValueTask<string?> FindAsyncCore(int id) => new("x");
                private Task<string?> FindCachedAsync(int id) => Task.FromResult<string?>(null);
            }
            """,
        ["FallbackChain_WithExceptionParameterAndFilters"] = Usings + """
            namespace Demo;
            public partial class Llm
            {
                [Fallback(nameof(AskSmallModel), HandleOn = new[] { typeof(TimeoutException) }, SkipOn = new[] { typeof(OperationCanceledException) })]
                [Fallback(nameof(CannedAnswer), Order = 1)]
                public partial Task<string> AskAsync(string prompt, CancellationToken ct);
                private Task<string> AskAsyncCore(string prompt, CancellationToken ct) => Task.FromResult("big");
                private Task<string> AskSmallModel(string prompt, CancellationToken ct, Exception failure) => Task.FromResult("small");
                private string CannedAnswer(string prompt, CancellationToken ct) => "canned";
            }
            """,
        ["Struct_Record_RecordStruct"] = Usings + """
            namespace Demo;
            public partial struct Probe
            {
                [Retry] public partial int Ping();
                private int PingCore() => 1;
            }
            public partial record Order(int Id)
            {
                [Retry] public partial Task<int> SubmitAsync();
                private Task<int> SubmitAsyncCore() => Task.FromResult(Id);
            }
            public partial record struct Point(int X)
            {
                [Retry] public readonly partial int Read();
                private readonly int ReadCore() => X;
            }
            """,
        ["NestedAndGenericTypes"] = Usings + """
            namespace Demo;
            public partial class Outer
            {
                internal partial class Repository<TItem> where TItem : class
                {
                    [Retry] public partial Task<TItem?> LoadAsync(string key, CancellationToken ct);
                    private Task<TItem?> LoadAsyncCore(string key, CancellationToken ct) => Task.FromResult<TItem?>(null);
                }
            }
            """,
        ["GenericMethodWithConstraints"] = Usings + """
            namespace Demo;
            public partial class Serializer
            {
                [Retry]
                [Fallback(nameof(DefaultOf))]
                public partial T Read<T, TKey>(TKey key) where T : class, new() where TKey : notnull, IComparable<TKey>;
                private T ReadCore<T, TKey>(TKey key) where T : class, new() where TKey : notnull, IComparable<TKey> => new T();
                private T DefaultOf<T, TKey>(TKey key) where T : class, new() where TKey : notnull, IComparable<TKey> => new T();

                [Retry] public partial ValueTask<T> ParseAsync<T>(string text) where T : struct;
                private ValueTask<T> ParseAsyncCore<T>(string text) where T : struct => default;
            }
            """,
        ["GlobalNamespace"] = Usings + """
            public partial class GlobalAgent
            {
                [Retry] public partial int Run();
                private int RunCore() => 1;
            }
            """,
        ["BlockAndNestedNamespaces"] = Usings + """
            namespace Outer.Inner
            {
                namespace Deeper
                {
                    public partial class Agent
                    {
                        [Retry] public partial int Run();
                        private int RunCore() => 1;
                    }
                }
            }
            """,
        ["TimeoutWithoutToken"] = Usings + """
            namespace Demo;
            public partial class Legacy
            {
                [Timeout(100)] public partial Task<int> SlowAsync();
                private Task<int> SlowAsyncCore() => Task.FromResult(1);

                [Timeout(100)] public partial int Slow();
                private int SlowCore() => 1;
            }
            """,
        ["OverloadsKeywordsParamsAndExtension"] = Usings + """
            namespace Demo;
            public partial class Sender
            {
                [Retry] public partial void Send(string @event);
                private void SendCore(string @event) { }
                [Retry] public partial void Send(string @event, params int[] retry);
                private void SendCore(string @event, params int[] retry) { }
            }
            public static partial class SenderExtensions
            {
                [Retry] public static partial int Count(this Sender sender, string @class);
                private static int CountCore(this Sender sender, string @class) => 0;
            }
            """,
        ["Idempotent_KeyTemplate_DefaultKey_InstanceStore"] = Usings + """
            namespace Demo;
            public sealed record Incident(int Id, string? Owner);
            public sealed record Receipt(string Deployment, int Replicas);
            public partial class Remediator : IHasResilienceStore
            {
                public IDurableStore? ResilienceStore { get; set; }

                [Idempotent(Key = "scale:{deployment}:{incident.Id}:{incident.Owner}", TtlSeconds = 3600, LeaseSeconds = 30)]
                [Retry(MaxRetries = 2, BaseDelayMs = 100)]
                public partial Task<Receipt> ScaleAsync(string deployment, Incident incident, int replicas, CancellationToken ct);
                private Task<Receipt> ScaleAsyncCore(string deployment, Incident incident, int replicas, CancellationToken ct) => Task.FromResult(new Receipt(deployment, replicas));

                [Idempotent(OnConcurrentDuplicate = ConcurrentDuplicateBehavior.Throw)]
                public partial void Page(string team, Guid incidentId);
                private void PageCore(string team, Guid incidentId) { }
            }
            public static partial class Ledger
            {
                [Idempotent(Key = "{{charge}}:{customer}")]
                public static partial ValueTask ChargeAsync(string customer, decimal amount);
                private static ValueTask ChargeAsyncCore(string customer, decimal amount) => default;
            }
            """,
        ["Adversarial_ScopedKeywordsConstraintsNullableKey"] = Usings + """
            namespace Demo;
            public interface IEntity { int Id { get; } }
            public abstract class Base { }
            public partial class Adversarial<TOuter> where TOuter : class, IEntity, new()
            {
                // scoped must be repeated on the generated part (CS8988)
                [Retry]
                public partial int Sum(scoped Span<int> values);
                private int SumCore(scoped Span<int> values) => values.Length;

                // keyword identifiers everywhere
                [Retry]
                public partial int @class(int @event, string @params);
                private int @classCore(int @event, string @params) => @event;

                // every constraint kind, nested generics
                [Retry]
                [Timeout(1000)]
                public partial Task<Dictionary<TKey, List<TValue?>>> MapAsync<TKey, TValue, TUnmanaged, TBase, TNew>(Dictionary<TKey, List<TValue?>> map, TUnmanaged seed, TBase owner, TNew made, CancellationToken ct)
                    where TKey : notnull
                    where TValue : struct
                    where TUnmanaged : unmanaged
                    where TBase : Base?
                    where TNew : class?, new();
                private Task<Dictionary<TKey, List<TValue?>>> MapAsyncCore<TKey, TValue, TUnmanaged, TBase, TNew>(Dictionary<TKey, List<TValue?>> map, TUnmanaged seed, TBase owner, TNew made, CancellationToken ct)
                    where TKey : notnull
                    where TValue : struct
                    where TUnmanaged : unmanaged
                    where TBase : Base?
                    where TNew : class?, new() => Task.FromResult(map);

                // params arrays pass through
                [Retry]
                public partial int Count(params string[] items);
                private int CountCore(params string[] items) => items.Length;

                // a non-nullable key parameter stays non-null after the key is built (CS8604 otherwise)
                [Idempotent(Key = "{customer}")]
                public partial Task<string> ChargeAsync(string customer, CancellationToken ct);
                private Task<string> ChargeAsyncCore(string customer, CancellationToken ct) => Task.FromResult(customer.Trim());
            }
            """,
        ["Checkpoint_WorkflowIdStateAndAmbientScope"] = Usings + """
            namespace Demo;
            public sealed record Findings(string RootCause);
            public sealed class AgentState { public int StepsDone { get; set; } }
            public partial class IncidentWorkflow
            {
                [CheckpointState] private AgentState _state = new();

                [Checkpoint]
                public partial Task<string> AnalyzeLogsAsync([WorkflowId] string incidentId, string service, CancellationToken ct);
                private Task<string> AnalyzeLogsAsyncCore(string incidentId, string service, CancellationToken ct) => Task.FromResult("logs");

                [Checkpoint(Step = "apply-fix")]
                [Retry(MaxRetries = 2, BaseDelayMs = 100)]
                public partial Task ApplyFixAsync([WorkflowId] Guid runId, Findings findings, CancellationToken ct);
                private Task ApplyFixAsyncCore(Guid runId, Findings findings, CancellationToken ct) => Task.CompletedTask;
            }
            public static partial class Steps
            {
                [Checkpoint]
                public static partial int Verify(string deployment);
                private static int VerifyCore(string deployment) => 1;
            }
            """,
        ["Outcomes_ResultsHttpCallbacksOverallTimeout"] = Usings + """
            using System.Net.Http;
            namespace Demo;
            public sealed record Quote(int Status);
            public partial class QuoteClient
            {
                [Retry(MaxRetries = 4, Jitter = Jitter.Proportional, RetryOnResult = nameof(IsBusy), RetryAfter = nameof(ServerDelay), OnRetry = nameof(LogRetry))]
                [CircuitBreaker(Name = "quotes", FailureRatio = 0.5, SamplingCalls = 20, SlowCallMs = 2_000, HandleOnResult = nameof(IsBusy), OnStateChange = nameof(OnBreaker))]
                [Timeout(2_000)]
                [Timeout(10_000, Scope = TimeoutScope.Overall)]
                [Fallback(nameof(CachedAsync), HandleOnResult = nameof(IsBusy))]
                public partial Task<Quote> GetQuoteAsync(string symbol, CancellationToken ct);
                private Task<Quote> GetQuoteAsyncCore(string symbol, CancellationToken ct) => Task.FromResult(new Quote(200));
                private Task<Quote> CachedAsync(string symbol, CancellationToken ct) => Task.FromResult(new Quote(203));
                private static bool IsBusy(Quote quote) => quote.Status == 503;
                private static TimeSpan? ServerDelay(Quote quote) => null;
                private static TimeSpan? ServerDelay(Exception error) => null;
                private void LogRetry(RetryAttempt<Quote> attempt) { }
                private static void OnBreaker(CircuitBreakerStateChangedEventArgs change) { }

                [Retry(MaxRetries = 2)]
                [CircuitBreaker(Name = "http")]
                public partial HttpResponseMessage Send(HttpRequestMessage request);
                private HttpResponseMessage SendCore(HttpRequestMessage request) => new HttpResponseMessage();
            }
            """,
        ["CircuitBreaker_Bulkhead_AllPolicies"] = Usings + """
            namespace Demo;
            public partial class Monitor
            {
                [CircuitBreaker(Name = "datadog", FailureThreshold = 3, BreakDurationMs = 30_000)]
                public partial int Probe();
                private int ProbeCore() => 1;

                [Retry(MaxRetries = 3, BaseDelayMs = 1000, Jitter = Jitter.Full)]
                [CircuitBreaker(Name = "datadog", FailureThreshold = 3, SamplingDurationMs = 60_000, FailureRatio = 0.5, MinimumThroughput = 20,
                                HalfOpenSuccesses = 1, HandleOn = new[] { typeof(TimeoutException) }, IgnoreOn = new[] { typeof(ArgumentException) })]
                [Timeout(5_000)]
                [Bulkhead(MaxConcurrency = 4, MaxQueue = 8)]
                [Fallback(nameof(FetchFromCacheAsync))]
                public partial Task<double> FetchAsync(string service, CancellationToken ct = default);
                private Task<double> FetchAsyncCore(string service, CancellationToken ct) => Task.FromResult(1.0);
                private Task<double> FetchFromCacheAsync(string service, CancellationToken ct) => Task.FromResult(0.0);

                [Bulkhead(Name = "disk", MaxConcurrency = 1)]
                public partial void Flush();
                private void FlushCore() { }
            }
            """,
        ["LastKnownGood_ChainOrdersKeysAndStores"] = Usings + """
            namespace Demo;
            public sealed record Metrics(double Value);
            public sealed record Incident(string Id);
            public partial class MonitoringAgent : IHasResilienceStore
            {
                public IDurableStore? ResilienceStore => null;

                [CircuitBreaker(Name = "metrics-api", FailureThreshold = 3)]
                [LastKnownGood(MaxAgeSeconds = 600)]
                [Fallback(nameof(FromDefaultsAsync))]
                public partial Task<Metrics> FetchMetricsAsync(string service, CancellationToken ct = default);
                private Task<Metrics> FetchMetricsAsyncCore(string service, CancellationToken ct) => Task.FromResult(new Metrics(1));
                private Task<Metrics> FromDefaultsAsync(string service, CancellationToken ct) => Task.FromResult(new Metrics(0));

                [Retry(MaxRetries = 2)]
                [LastKnownGood(Key = "{incident.Id}", Order = 2)]
                [Fallback(nameof(First), HandleOnResult = nameof(IsEmpty))]
                [Fallback(nameof(Second), Order = 3)]
                public partial Metrics Summarize(Incident incident, int attempt);
                private Metrics SummarizeCore(Incident incident, int attempt) => new(1);
                private Metrics First(Incident incident, int attempt) => new(2);
                private Metrics Second(Incident incident, int attempt, Exception failure) => new(3);
                private static bool IsEmpty(Metrics metrics) => metrics.Value == 0;

                [LastKnownGood(MaxAgeSeconds = 30)]
                public partial ValueTask<int> CountAsync();
                private ValueTask<int> CountAsyncCore() => new(1);

                // A [Fallback] ordered before the stored value and answering rejections: an open breaker goes to it
                // without an exception; the stored value answers only when that fallback fails.
                [CircuitBreaker(Name = "metrics-api", FailureThreshold = 3)]
                [Fallback(nameof(FromCache))]
                [LastKnownGood(Order = 1)]
                public partial Metrics Latest(string service);
                private Metrics LatestCore(string service) => new(1);
                private Metrics FromCache(string service) => new(0);
            }
            """,
        ["CircuitBreaker_Fallback_RejectionWithoutException"] = Usings + """
            namespace Demo;
            public partial class Quotes
            {
                // The fallback answers rejections and takes no exception: none is created.
                [CircuitBreaker(Name = "quotes", FailureThreshold = 3)]
                [Fallback(nameof(CachedQuote))]
                public partial decimal Quote(string sku);
                private decimal QuoteCore(string sku) => 1m;
                private decimal CachedQuote(string sku) => 0m;

                // The fallback takes the exception: a rejection hands it one, created but not thrown.
                [CircuitBreaker(Name = "quotes", FailureThreshold = 3, HandleOnResult = nameof(IsZero))]
                [Timeout(1_000)]
                [Fallback(nameof(CachedQuoteAsync), HandleOn = new[] { typeof(ResilienceException), typeof(TimeoutException) }, HandleOnResult = nameof(IsZero))]
                public partial ValueTask<decimal> QuoteAsync(string sku, CancellationToken ct);
                private ValueTask<decimal> QuoteAsyncCore(string sku, CancellationToken ct) => new(1m);
                private ValueTask<decimal> CachedQuoteAsync(string sku, CancellationToken ct, Exception failure) => new(0m);
                private static bool IsZero(decimal value) => value == 0m;

                // A chain: the rejection's exception exists only if every fallback fails.
                [CircuitBreaker(Name = "quotes", FailureThreshold = 3)]
                [Fallback(nameof(NearestQuoteAsync))]
                [Fallback(nameof(ListPrice), Order = 1)]
                public partial Task<decimal> BestQuoteAsync(string sku);
                private Task<decimal> BestQuoteAsyncCore(string sku) => Task.FromResult(1m);
                private Task<decimal> NearestQuoteAsync(string sku) => Task.FromResult(2m);
                private decimal ListPrice(string sku, Exception failure) => 3m;

                // The fallback skips rejections: they are thrown as before.
                [CircuitBreaker(Name = "quotes", FailureThreshold = 3)]
                [Fallback(nameof(Ignore), SkipOn = new[] { typeof(CircuitBreakerOpenException) })]
                public partial void Evict(string sku);
                private void EvictCore(string sku) { }
                private void Ignore(string sku) { }

                // A retry between them sees every rejection, as before.
                [Retry(MaxRetries = 2)]
                [CircuitBreaker(Name = "quotes", FailureThreshold = 3)]
                [Fallback(nameof(Ignore))]
                public partial void Refresh(string sku);
                private void RefreshCore(string sku) { }
            }
            """,
    };

    public static readonly IReadOnlyDictionary<string, string> Invalid = new Dictionary<string, string>
    {
        ["Stub_MissingCore"] = Usings + """
            namespace Demo;
            public partial class Broken
            {
                [Retry] public partial int Run(int x);
                private int RunCore(string x) => 1;
            }
            """,
        ["Stub_UnknownKeyPlaceholder"] = Usings + """
            namespace Demo;
            public partial class Keys
            {
                [Idempotent(Key = "{customer.Nope}:{missing}")] public partial int Charge(string customer);
                private int ChargeCore(string customer) => 1;
            }
            """,
        ["Stub_UnsupportedShapes"] = Usings + """
            namespace Demo;
            public partial class Shapes
            {
                [Retry] public partial int ByRef(ref int x);
                private int ByRefCore(ref int x) => x;
                [Retry] public partial void Out(out int x);
                private void OutCore(out int x) => x = 1;
                [Retry] public partial IAsyncEnumerable<int> StreamAsync();
                private IAsyncEnumerable<int> StreamAsyncCore() => throw new NotImplementedException();
            }
            """,
        ["Stub_InvalidArguments"] = Usings + """
            namespace Demo;
            public partial class Numbers
            {
                [Retry(MaxRetries = -1, BaseDelayMs = 5000, MaxDelayMs = 10, ShouldRetry = "Missing")] public partial int A();
                private int ACore() => 1;
                [Timeout(0)] public partial int B(CancellationToken ct);
                private int BCore(CancellationToken ct) => 1;
                [Fallback("Nope")] public partial int C();
                private int CCore() => 1;
                [Retry(RetryOn = new[] { typeof(string) })] public partial int D();
                private int DCore() => 1;
            }
            """,
    };

    /// <summary>Broken or half-typed code: whatever the generator makes of it, it must not throw.</summary>
    public static readonly IReadOnlyDictionary<string, string> Broken = new Dictionary<string, string>
    {
        ["HalfTyped"] = Usings + """
            namespace Demo;
            public partial class Half
            {
                [Retry(MaxRetries = ] public partial int Run(
            """,
        ["UnknownAttributeArgumentTypes"] = Usings + """
            namespace Demo;
            public partial class Unknown
            {
                [Retry(RetryOn = new[] { typeof(DoesNotExist) }, Jitter = (Jitter)42)] [Fallback(nameof(Missing))] [Timeout(Nope)]
                public partial Task<Undefined> RunAsync(Whatever x, CancellationToken ct);
            }
            """,
        ["DuplicatePartials"] = Usings + """
            namespace Demo;
            public partial class Twice
            {
                [Retry] public partial int Run();
                [Retry] public partial int Run();
                private int RunCore() => 1;
            }
            """,
    };

    /// <summary>Input the generator must ignore without output and without throwing.</summary>
    public static readonly IReadOnlyDictionary<string, string> Ignored = new Dictionary<string, string>
    {
        ["TypeNotPartial"] = Usings + """
            namespace Demo;
            public class NotPartial
            {
                [Retry] public int Run() => 1;
            }
            """,
        ["FileLocalType"] = Usings + """
            namespace Demo;
            file partial class Local
            {
                [Retry] private partial int Run();
                private int RunCore() => 1;
            }
            """,
        ["MethodWithBody"] = Usings + """
            namespace Demo;
            public partial class HasBody
            {
                [Retry] public int Run() => 1;
            }
            """,
    };
}
