using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>The call-graph walk: roots, reachability, fallbacks, [Idempotent] boundaries, generics, generated parts.</summary>
public class CallGraphTests
{
    [Fact]
    public async Task Reachability_UnreachableCodeAndFallbacksAreNotFlagged()
    {
        await HazardVerifier.VerifyAsync(
            """
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
        await HazardVerifier.VerifyAsync(
            """
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
                private void Bump() { {|#0:_count++|}; }
            }
            """,
            HazardVerifier.Diagnostic("RES1001", 0).WithMessage("'Bump' increments field '_count', and it runs again on every retry of 'Alpha'"));
    }

    [Fact]
    public async Task Reachability_FollowsNestedAnnotatedMethodsIntoTheirCore_StopsAtIdempotent()
    {
        await HazardVerifier.VerifyAsync(
            """
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
                private Task InnerAsyncCore(CancellationToken ct) { {|#0:_count++|}; return Task.CompletedTask; }
                private Task InnerFallbackAsync(CancellationToken ct) { _other++; return Task.CompletedTask; }

                [Idempotent]
                public partial Task GuardedAsync(CancellationToken ct);
                private Task GuardedAsyncCore(CancellationToken ct) { _other++; return Task.CompletedTask; }

                [Retry]
                [Idempotent]
                public partial Task AcknowledgedAsync(CancellationToken ct);
                private Task AcknowledgedAsyncCore(CancellationToken ct) { _other++; return Task.CompletedTask; }
            }
            """,
            HazardVerifier.Diagnostic("RES1001", 0).WithMessage("'InnerAsyncCore' increments field '_count', and it runs again on every retry of 'OuterAsync'"));
    }

    [Fact]
    public async Task Reachability_CheckpointRoots_PropertyAccessorsLambdasAndOtherTypes()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Metrics
            {
                private int _sum;
                public int Total { get => _sum; set { {|#0:_sum += value|}; } }
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
            """,
            HazardVerifier.Diagnostic("RES1001", 0).WithMessage("'Metrics.Total' adds to field '_sum', and it runs again on every re-run of checkpointed step 'StepAsync'"));
    }

    [Fact]
    public async Task Hazards_InGenericTypesAndMethods()
    {
        await HazardVerifier.VerifyAsync(
            """
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
        await HazardVerifier.VerifyAsync(
            """
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
        var diagnostics = await AnalyzerHarness.VerifyAsync("""
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
}
