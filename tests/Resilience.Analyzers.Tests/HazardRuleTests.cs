using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>RES1001–RES1006 and the call-graph rules (roots, reachability, fallbacks, [Idempotent] boundaries).</summary>
public class HazardRuleTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> Verify(string markup) => AnalyzerHarness.VerifyAsync(markup);

    [Fact]
    public async Task RES1001_CompoundAssignmentInCalledMethod_NamesMemberOperationAndRoot()
    {
        var diagnostics = await Verify("""
            public partial class Wallet
            {
                private int _budgetUsed;

                [Retry]
                public partial Task SpendAsync(int amount);
                private Task SpendAsyncCore(int amount) { Charge(amount); return Task.CompletedTask; }

                private void Charge(int amount) { {|RES1001:_budgetUsed += amount|}; }
            }
            """);
        Assert.Equal("'Charge' adds to field '_budgetUsed', and it runs again on every retry of 'SpendAsync'", diagnostics[0].GetMessage());
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Equal("Resilience.Idempotency", diagnostics[0].Descriptor.Category);
    }

    [Fact]
    public async Task RES1001_IncrementsOnFieldsPropertiesStaticsAndArrayElements()
    {
        await Verify("""
            public sealed class Account { public decimal Balance { get; set; } }
            public partial class Counter
            {
                private static int s_total;
                private readonly int[] _slots = new int[4];
                private int _count;
                public int Count { get; set; }

                [Retry]
                public partial void Run(Account account);
                private void RunCore(Account account)
                {
                    {|RES1001:_count++|};
                    {|RES1001:--s_total|};
                    {|RES1001:_slots[0] += 2|};
                    {|RES1001:Count *= 2|};
                    {|RES1001:account.Balance -= 1m|};
                    {|RES1001:this._count -= 1|};
                }
            }
            """);
    }

    [Fact]
    public async Task RES1001_NotReportedForLocalsFreshObjectsIdempotentOperatorsAndAbsoluteValues()
    {
        await Verify("""
            public sealed class Result { public int Count { get; set; } public int[] Items = new int[2]; }
            public struct Point { public int X; }
            public partial class Counter
            {
                private int _flags;
                private int _value;
                public int Total { get; private set; }

                [Retry]
                public partial int Run(Point point, int n);
                private int RunCore(Point point, int n)
                {
                    var local = 0;
                    local++;
                    local += n;
                    n--;
                    point.X++;
                    var result = new Result();
                    result.Count++;
                    result.Items[1] += 3;
                    var copy = new Point();
                    copy.X += 1;
                    _flags |= 4;
                    _flags &= ~1;
                    _value = 42;
                    Total = n;
                    var built = new Counter();
                    return local + result.Count;
                }

                public Counter() { _value++; Total += 1; }
            }
            """);
    }

    [Fact]
    public async Task RES1002_InterlockedDeltas()
    {
        var diagnostics = await Verify("""
            public partial class Counter
            {
                private int _count;
                private static long s_total;

                [Retry]
                public partial void Run();
                private void RunCore()
                {
                    {|RES1002:Interlocked.Increment(ref _count)|};
                    {|RES1002:Interlocked.Add(ref s_total, 5)|};
                    {|RES1002:Interlocked.Decrement(ref _count)|};
                    var local = 0;
                    Interlocked.Increment(ref local);
                    Interlocked.Exchange(ref _count, 0);
                    Interlocked.CompareExchange(ref _count, 1, 0);
                }
            }
            """);
        Assert.Equal("'RunCore' calls Interlocked.Increment on field '_count', and it runs again on every retry of 'Run'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES1003_PropertyReadAndWrittenBack_DirectlyAndThroughLocals()
    {
        var diagnostics = await Verify("""
            public sealed class Account { public decimal Balance { get; set; } }
            public partial class Bank
            {
                private int _total;

                [Retry]
                public partial void Deposit(Account account, decimal amount);
                private void DepositCore(Account account, decimal amount)
                {
                    {|RES1003:account.Balance = account.Balance + amount|};
                    var before = account.Balance;
                    {|RES1003:account.Balance = before - amount|};
                    {|RES1003:_total = _total * 2|};
                    account.Balance = amount;
                    account.Balance = Math.Max(account.Balance, amount);
                    var other = new Account();
                    other.Balance = other.Balance + 1;
                }
            }
            """);
        Assert.Equal(
            "'DepositCore' writes property 'Balance' back as a relative change of the value it read, and it runs again on every retry of 'Deposit'",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES1003_GetterAndSetterCallsOnTheSameObject()
    {
        var diagnostics = await Verify("""
            public interface IStore
            {
                Task<int> GetQuotaAsync(string tenant, CancellationToken ct);
                Task SetQuotaAsync(string tenant, int quota, CancellationToken ct);
                int GetLimit(string tenant);
                void UpdateLimit(string tenant, int limit);
            }
            public partial class Quotas
            {
                private readonly IStore _store;
                public Quotas(IStore store) => _store = store;

                [Retry]
                public partial Task RaiseAsync(string tenant, string other, int by, CancellationToken ct);
                private async Task RaiseAsyncCore(string tenant, string other, int by, CancellationToken ct)
                {
                    var current = await _store.GetQuotaAsync(tenant, ct);
                    await {|RES1003:_store.SetQuotaAsync(tenant, current + by, ct)|};
                    {|RES1003:_store.UpdateLimit(tenant, _store.GetLimit(tenant) - 1)|};
                    var next = current;
                    next++;
                    await {|RES1003:_store.SetQuotaAsync(tenant, next, ct)|};

                    // Not the same object, and absolute values: not flagged.
                    await _store.SetQuotaAsync(other, current + by, ct);
                    await _store.SetQuotaAsync(tenant, by, ct);
                    if (current < by)
                    {
                        await _store.SetQuotaAsync(tenant, by, ct);
                    }
                }
            }
            """);
        Assert.Equal(
            "'RaiseAsyncCore' reads a value with 'GetQuotaAsync' and writes a relative change of it back with 'SetQuotaAsync', and it runs again on every retry of 'RaiseAsync'",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES1004_RelativeSqlUpdates()
    {
        var diagnostics = await Verify("""
            public interface IDb { Task<int> ExecuteAsync(string sql, object? param = null); }
            public partial class Ledger
            {
                private readonly IDb _db;
                public Ledger(IDb db) => _db = db;
                private const string Debit = "UPDATE accounts SET updated = now(), balance = balance - @amount WHERE id = @id";

                [Retry]
                public partial Task ChargeAsync(System.Data.Common.DbCommand command, int id, decimal amount);
                private async Task ChargeAsyncCore(System.Data.Common.DbCommand command, int id, decimal amount)
                {
                    command.CommandText = {|RES1004:"UPDATE counters SET hits = hits + 1 WHERE id = @id"|};
                    await _db.ExecuteAsync({|RES1004:Debit|}, new { id, amount });
                    var sql = $"UPDATE t SET \"views\" = t.\"views\" + {amount} WHERE id = {id}";
                    await _db.ExecuteAsync({|RES1004:sql|});
                    await _db.ExecuteAsync("UPDATE accounts SET balance = @balance WHERE id = @id", new { id, balance = amount });
                    command.CommandText = "UPDATE t SET status = 'active', x = y + 1 WHERE id = 1";
                    await _db.ExecuteAsync("SELECT balance + 1 FROM accounts WHERE balance = balance");
                }
            }
            """);
        Assert.Equal(
            "'ChargeAsyncCore' runs the relative SQL update 'SET hits = hits + …', and it runs again on every retry of 'ChargeAsync'",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES1005_AddingToSharedCollections()
    {
        var diagnostics = await Verify("""
            using System.Collections.Concurrent;
            public sealed class Report { public List<string> Lines { get; } = new(); }
            public partial class Investigator
            {
                private readonly List<string> _findings = new();
                private readonly ConcurrentQueue<string> _queue = new();
                private readonly HashSet<string> _seen = new();
                private readonly ISet<string> _tags = new HashSet<string>();
                private readonly IList<string> _lines = new List<string>();
                public List<string> Notes { get; } = new();
                private static readonly System.Diagnostics.Metrics.Meter s_meter = new("Test");
                private readonly System.Diagnostics.Metrics.Counter<int> _attempts = s_meter.CreateCounter<int>("attempts");
                private System.Collections.Immutable.ImmutableList<string> _snapshot = System.Collections.Immutable.ImmutableList<string>.Empty;
                private System.Collections.Immutable.ImmutableHashSet<string> _names = System.Collections.Immutable.ImmutableHashSet<string>.Empty;

                [Retry]
                public partial void Investigate(string finding, Report report);
                private void InvestigateCore(string finding, Report report)
                {
                    {|RES1005:_findings.Add(finding)|};
                    {|RES1005:_queue.Enqueue(finding)|};
                    {|RES1005:Notes.Insert(0, finding)|};
                    {|RES1005:report.Lines.Add(finding)|};
                    _seen.Add(finding);
                    _tags.Add(finding);
                    _attempts.Add(1);
                    {|RES1005:_snapshot = _snapshot.Add(finding)|};
                    var snapshot = _snapshot.Add(finding);
                    _names = _names.Add(finding);
                    {|RES1005:_lines.Add(finding)|};
                    var local = new List<string>();
                    local.Add(finding);
                    var fresh = new Report();
                    fresh.Lines.Add(finding);
                    var copy = new List<string> { finding };
                }
            }
            """);
        Assert.Equal("'InvestigateCore' adds to the collection in field '_findings' with 'Add', and it runs again on every retry of 'Investigate'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES1006_HttpPostWithoutIdempotencyKey()
    {
        var diagnostics = await Verify("""
            public partial class Payments
            {
                private readonly HttpClient _http = new();

                [Retry]
                public partial Task PayAsync(string body, CancellationToken ct);
                private async Task PayAsyncCore(string body, CancellationToken ct)
                {
                    await {|RES1006:_http.PostAsync("/charges", new StringContent(body), ct)|};
                    await _http.PutAsync("/charges/1", new StringContent(body), ct);
                    await _http.GetAsync("/charges", ct);
                }

                [Retry]
                public partial Task SendAsync(string body, CancellationToken ct);
                private async Task SendAsyncCore(string body, CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Patch, "/charges/1") { Content = new StringContent(body) };
                    await {|RES1006:_http.SendAsync(request, ct)|};
                }

                [Retry]
                public partial Task SafeAsync(string body, string key, CancellationToken ct);
                private async Task SafeAsyncCore(string body, string key, CancellationToken ct)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = new StringContent(body) };
                    request.Headers.Add("Idempotency-Key", key);
                    await _http.SendAsync(request, ct);
                }
            }
            """);
        Assert.Equal(
            "'PayAsyncCore' sends an HTTP POST with 'PostAsync' without an 'Idempotency-Key' header, and it runs again on every retry of 'PayAsync'",
            diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Reachability_UnreachableCodeAndFallbacksAreNotFlagged()
    {
        await Verify("""
            public partial class Agent
            {
                private int _count;

                [Retry]
                [Fallback(nameof(Cached))]
                public partial int Run();
                private int RunCore() => 1;
                private int Cached() { _count++; Helper(); return 0; }
                private void Helper() { _count += 2; }

                public void NotRetried() { _count++; }

                [Timeout(100)]
                public partial Task OnlyTimeoutAsync(CancellationToken ct);
                private Task OnlyTimeoutAsyncCore(CancellationToken ct) { _count++; return Task.CompletedTask; }
            }
            """);
    }

    [Fact]
    public async Task Reachability_SharedHelperIsReportedOnce_NamingTheFirstRootByName()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                private int _count;

                [Retry]
                public partial void Beta();
                private void BetaCore() => Bump();

                [Retry]
                public partial void Alpha();
                private void AlphaCore() { Middle(); }

                private void Middle() => Bump();
                private void Bump() { {|RES1001:_count++|}; }
            }
            """);
        Assert.Single(diagnostics);
        Assert.EndsWith("every retry of 'Alpha'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Reachability_FollowsNestedAnnotatedMethodsIntoTheirCore_StopsAtIdempotent()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                private int _count;
                private int _other;

                [Retry]
                public partial Task OuterAsync(CancellationToken ct);
                private async Task OuterAsyncCore(CancellationToken ct)
                {
                    await InnerAsync(ct);
                    await GuardedAsync(ct);
                }

                [Timeout(1000)]
                [Fallback(nameof(InnerFallbackAsync))]
                public partial Task InnerAsync(CancellationToken ct);
                private Task InnerAsyncCore(CancellationToken ct) { {|RES1001:_count++|}; return Task.CompletedTask; }
                private Task InnerFallbackAsync(CancellationToken ct) { _other++; return Task.CompletedTask; }

                [Idempotent]
                public partial Task GuardedAsync(CancellationToken ct);
                private Task GuardedAsyncCore(CancellationToken ct) { _other++; return Task.CompletedTask; }

                [Retry]
                [Idempotent]
                public partial Task AcknowledgedAsync(CancellationToken ct);
                private Task AcknowledgedAsyncCore(CancellationToken ct) { _other++; return Task.CompletedTask; }
            }
            """);
        Assert.EndsWith("every retry of 'OuterAsync'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Reachability_CheckpointRoots_PropertyAccessorsLambdasAndOtherTypes()
    {
        var diagnostics = await Verify("""
            public sealed class Metrics
            {
                private int _sum;
                public int Total { get => _sum; set { {|RES1001:_sum += value|}; } }
                public static void Record(Metrics m) { {|RES1001:m._sum++|}; }
            }
            public partial class Workflow
            {
                private readonly Metrics _metrics = new();
                private readonly List<int> _log = new();

                [Checkpoint]
                public partial Task StepAsync([WorkflowId] string runId);
                private Task StepAsyncCore(string runId)
                {
                    _metrics.Total = 5;
                    Metrics.Record(_metrics);
                    Action log = () => {|RES1005:_log.Add(1)|};
                    log();
                    return Task.CompletedTask;
                }
            }
            """);
        Assert.Equal("'Metrics.Total' adds to field '_sum', and it runs again on every re-run of checkpointed step 'StepAsync'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task Hazards_InGenericTypesAndMethods()
    {
        await Verify("""
            public partial class Cache<TKey> where TKey : notnull
            {
                private readonly Dictionary<TKey, int> _hits = new();

                [Retry]
                public partial Task<T> GetAsync<T>(TKey key, T value);
                private Task<T> GetAsyncCore<T>(TKey key, T value)
                {
                    Count(key);
                    return Task.FromResult(value);
                }

                private void Count(TKey key) { {|RES1001:_hits[key] += 1|}; }
            }
            """);
    }

    [Fact]
    public async Task Hazards_AreFound_WhenTheGeneratorHasWrittenTheImplementationParts()
    {
        // As in a real build: the generated part calls {Name}Core and the fallback, and is generated code.
        var user = AnalyzerHarness.Prelude + """
            public sealed class FlakyApi
            {
                private int _calls;
                public Task<string> GetAsync(string city) { Interlocked.Increment(ref _calls); return Task.FromResult(city); }
            }
            public sealed partial class Agent(FlakyApi api)
            {
                private int _fallbacks;

                [Retry]
                [Fallback(nameof(Cached))]
                public partial Task<string> ForecastAsync(string city, CancellationToken ct = default);
                private Task<string> ForecastAsyncCore(string city, CancellationToken ct) => api.GetAsync(city);
                private string Cached(string city, CancellationToken ct) { _fallbacks++; return ""; }
            }
            """;
        var generated = """
            // <auto-generated/>
            #nullable enable
            public sealed partial class Agent
            {
                [System.CodeDom.Compiler.GeneratedCode("Resilience.Generator", "0.1.0")]
                public partial async System.Threading.Tasks.Task<string> ForecastAsync(string city, System.Threading.CancellationToken ct)
                {
                    try { return await ForecastAsyncCore(city, ct); }
                    catch (System.Exception) { _fallbacks++; return Cached(city, ct); }
                }
            }
            """;
        var compilation = AnalyzerHarness.Compile(user, generated);
        AnalyzerHarness.AssertNoCompilerErrors(compilation);
        var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(compilation);
        Assert.Empty(exceptions);
        var hazard = Assert.Single(diagnostics);
        Assert.Equal("RES1002", hazard.Id);
        Assert.Equal("'FlakyApi.GetAsync' calls Interlocked.Increment on field '_calls', and it runs again on every retry of 'ForecastAsync'", hazard.GetMessage());
    }

    [Fact]
    public async Task Reachability_ExtensionMethodsConditionalAccessAndStaticProperties()
    {
        await Verify("""
            using System.Net.Http.Json;
            public sealed class Tally { public int Count { get; set; } }
            public static class TallyExtensions
            {
                public static void Bump(this Tally tally) { {|RES1001:tally.Count += 1|}; }
            }
            public partial class Agent
            {
                private Tally? _tally;
                public static int Total { get; set; }
                private readonly HttpClient _http = new();

                [Retry]
                public partial Task RunAsync(object body, CancellationToken ct);
                private async Task RunAsyncCore(object body, CancellationToken ct)
                {
                    _tally?.Bump();
                    {|RES1001:_tally!.Count++|};
                    {|RES1001:Total += 2|};
                    await {|RES1006:_http.PostAsJsonAsync("/events", body, ct)|};
                }
            }
            """);
    }

    [Fact]
    public async Task HazardsInARootsOwnCore_NameThatRoot_AndAreReportedWithoutWaitingForCompilationEnd()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                private int _count;

                [Retry]
                public partial void Alpha();
                private void AlphaCore() => Beta();

                [Retry]
                public partial void Beta();
                private void BetaCore() { {|RES1001:_count++|}; }
            }
            """);
        Assert.EndsWith("every retry of 'Beta'", diagnostics[0].GetMessage());
        Assert.DoesNotContain(Microsoft.CodeAnalysis.WellKnownDiagnosticTags.CompilationEnd, diagnostics[0].Descriptor.CustomTags);
    }

    [Fact]
    public async Task RES1003_DictionaryCountersAndConditionalIncrements()
    {
        await Verify("""
            public partial class Stats
            {
                private readonly Dictionary<string, int> _hits = new();
                private int _total;

                [Retry]
                public partial void Record(string key, bool counted);
                private void RecordCore(string key, bool counted)
                {
                    {|RES1003:_hits[key] = _hits.GetValueOrDefault(key) + 1|};
                    if (_hits.TryGetValue(key, out var current))
                    {
                        {|RES1003:_hits[key] = current + 1|};
                    }

                    {|RES1003:_total = counted ? _total + 1 : _total|};

                    // Absolute values and other keys are fine.
                    _hits[key] = 1;
                    _hits["other"] = _hits.GetValueOrDefault(key) + 1;
                    _total = counted ? 1 : 0;
                }
            }
            """);
    }
}
