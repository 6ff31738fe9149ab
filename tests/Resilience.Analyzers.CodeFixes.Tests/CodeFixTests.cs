using Resilience.Analyzers.CodeFixes.Tests.Infrastructure;

namespace Resilience.Analyzers.CodeFixes.Tests;

/// <summary>Every code fix, applied and compiled.</summary>
public class CodeFixTests
{
    private static string Squash(string text) => CodeFixHarness.Squash(text);

    [Fact]
    public async Task RES0001_MakesMethodPartial_AndMovesExpressionBodyIntoCore()
    {
        var result = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "RES0001", null, """
            public partial class Agent
            {
                [Retry]
                public int Fetch(string name, CancellationToken ct = default) => name.Length;
            }
            """);
        Assert.Contains("public partial int Fetch(string name, CancellationToken ct = default);", result[0]);
        Assert.Contains("private int FetchCore(string name, CancellationToken ct) => name.Length;", Squash(result[0]));
    }

    [Fact]
    public async Task RES0001_MovesAsyncBlockBody_AndAddsAccessibility()
    {
        var result = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "RES0001", null, """
            public partial class Agent
            {
                [Retry]
                static async Task<int> FetchAsync([WorkflowId] string id)
                {
                    await Task.Yield();
                    return id.Length;
                }
            }
            """);
        Assert.Contains("private static partial Task<int> FetchAsync([WorkflowId] string id);", Squash(result[0]));
        Assert.Contains("private static async Task<int> FetchAsyncCore(string id) {", Squash(result[0]));
        Assert.Contains("return id.Length;", result[0]);
    }

    [Fact]
    public async Task RES0001_HandWrittenImplementationPart_BecomesCore()
    {
        var result = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "RES0001", null, """
            public partial class Agent
            {
                [Retry]
                public partial int Fetch(int n);
                public partial int Fetch(int n) => n + 1;
            }
            """);
        Assert.Contains("public partial int Fetch(int n);", result[0]);
        Assert.Contains("private int FetchCore(int n) => n + 1;", Squash(result[0]));
        Assert.DoesNotContain("public partial int Fetch(int n) =>", result[0]);
    }

    [Fact]
    public async Task RES0001_NotOfferedWhenCoreAlreadyExists()
    {
        var titles = await CodeFixHarness.GetTitlesAsync(new MakePartialCodeFixProvider(), "RES0001", """
            public partial class Agent
            {
                [Retry]
                public int Fetch() => 1;
                private int FetchCore() => 2;
            }
            """);
        Assert.Empty(titles);
    }

    [Fact]
    public async Task RES0002_MakesTypePartial()
    {
        var result = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "RES0002", null, """
            namespace App;
            public sealed class Agent
            {
                [Retry]
                public partial int Fetch();
                private int FetchCore() => 1;
            }
            """);
        Assert.Contains("public sealed partial class Agent", result[0]);
    }

    [Fact]
    public async Task RES0002_TypeWithoutModifiers_KeepsLeadingTrivia()
    {
        var result = await CodeFixHarness.ApplyAsync(new MakePartialCodeFixProvider(), "RES0002", null, """
            // The agent.
            record Agent
            {
                [Retry]
                public partial int Fetch();
                private int FetchCore() => 1;
            }
            """);
        Assert.Contains("// The agent.\npartial record Agent", result[0].Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task RES0003_GeneratesCoreStubWithTheSameSignature()
    {
        var result = await CodeFixHarness.ApplyAsync(new GenerateCoreCodeFixProvider(), "RES0003", null, """
            public sealed class Incident { public string Id { get; set; } = ""; }
            public partial class Agent<TState>
            {
                [Retry]
                [Timeout(1000)]
                public partial Task<T?> FetchAsync<T>([WorkflowId] string service, Incident incident, TState state, CancellationToken ct = default) where T : class;
            }
            """);
        Assert.Contains(
            "private Task<T?> FetchAsyncCore<T>(string service, Incident incident, TState state, CancellationToken ct) where T : class => throw new NotImplementedException();",
            Squash(result[0]));
    }

    [Fact]
    public async Task RES0003_OverloadGetsItsOwnCore()
    {
        var result = await CodeFixHarness.ApplyAsync(new GenerateCoreCodeFixProvider(), "RES0003", null, """
            public partial class Agent
            {
                [Retry]
                public partial int Fetch(int id);
                [Retry]
                public partial int Fetch(string name);
                private int FetchCore(int id) => id;
            }
            """);
        Assert.Contains("private int FetchCore(string name) => throw new NotImplementedException();", Squash(result[0]));
    }

    [Fact]
    public async Task RES0003_StaticVoidMethod()
    {
        var result = await CodeFixHarness.ApplyAsync(new GenerateCoreCodeFixProvider(), "RES0003", null, """
            public static partial class Jobs
            {
                [Retry]
                public static partial void Tick(int n);
            }
            """);
        Assert.Contains("private static void TickCore(int n) => throw new NotImplementedException();", Squash(result[0]));
    }

    [Fact]
    public async Task RES0014_AddsCancellationTokenToPartialMethodAndCore()
    {
        var result = await CodeFixHarness.ApplyAsync(new AddCancellationTokenCodeFixProvider(), "RES0014", null, """
            public partial class Agent
            {
                [Timeout(1000)]
                public partial Task<int> FetchAsync(string name);
                private Task<int> FetchAsyncCore(string name) => Task.FromResult(name.Length);
            }
            """);
        Assert.Contains("public partial Task<int> FetchAsync(string name, CancellationToken cancellationToken = default);", Squash(result[0]));
        Assert.Contains("private Task<int> FetchAsyncCore(string name, CancellationToken cancellationToken)", Squash(result[0]));
    }

    [Fact]
    public async Task RES0014_FallbacksKeepFitting()
    {
        var result = await CodeFixHarness.ApplyAsync(new AddCancellationTokenCodeFixProvider(), "RES0014", null, """
            public partial class Agent
            {
                [Timeout(1000)]
                [Fallback(nameof(Cached))]
                [Fallback(nameof(WithError), Order = 1)]
                public partial Task<int> FetchAsync(string name);
                private Task<int> FetchAsyncCore(string name) => Task.FromResult(name.Length);
                private int Cached(string name) => 0;
                private int WithError(string name, Exception error) => 0;
            }
            """);
        var text = Squash(result[0]);
        Assert.Contains("private int Cached(string name, CancellationToken cancellationToken) => 0;", text);
        Assert.Contains("private int WithError(string name, CancellationToken cancellationToken, Exception error) => 0;", text);
    }

    [Fact]
    public async Task RES0014_CoreInAnotherDocument_AndFullyQualifiedWithoutUsing()
    {
        var result = await CodeFixHarness.ApplyAsync(
            new AddCancellationTokenCodeFixProvider(),
            "RES0014",
            null,
            """
            public partial class Agent
            {
                [Timeout(1000)]
                public partial void Run();
            }
            """,
            """
            public partial class Agent
            {
                private void RunCore() { }
            }
            """);
        Assert.Contains("public partial void Run(CancellationToken cancellationToken = default);", result[0]);
        Assert.Contains("private void RunCore(CancellationToken cancellationToken)", result[1]);
    }

    [Fact]
    public async Task RES1001_SuppressWithJustification()
    {
        var result = await CodeFixHarness.ApplyAsync(new HazardCodeFixProvider(), "RES1001", "Suppress", """
            public partial class Wallet
            {
                private int _used;

                [Retry]
                public partial void Spend(int amount);
                private void SpendCore(int amount)
                {
                    _used += amount;
                }
            }
            """);
        var text = result[0].Replace("\r\n", "\n");
        Assert.Contains("        #pragma warning disable RES1001 // justification: explain why running this again on a retry is safe\n        _used += amount;\n        #pragma warning restore RES1001\n", text);
    }

    [Fact]
    public async Task RES1001_AddIdempotentToThePartialMethod()
    {
        var result = await CodeFixHarness.ApplyAsync(new HazardCodeFixProvider(), "RES1001", "Idempotent", """
            public partial class Wallet
            {
                private int _used;

                [Retry]
                public partial void Spend(int amount);
                private void SpendCore(int amount) => _used += amount;
            }
            """);
        Assert.Contains("[Idempotent]", result[0]);
        Assert.Contains("[Retry]", result[0]);
    }

    [Fact]
    public async Task AddIdempotent_IsNotOfferedOutsideCoreOrForCheckpoints()
    {
        // The hazard is in a helper (not a Core) and in the Core of a [Checkpoint] step ([Idempotent] would conflict).
        var result = await CodeFixHarness.ApplyAsync(new HazardCodeFixProvider(), "RES1005", "Suppress", """
            public partial class Workflow
            {
                private readonly List<int> _log = new();

                [Checkpoint]
                public partial void Step([WorkflowId] string id);
                private void StepCore(string id) { _log.Add(1); }
            }
            """);
        Assert.Contains("#pragma warning disable RES1005", result[0]);
        var titles = await CodeFixHarness.GetTitlesAsync(new HazardCodeFixProvider(), "RES1005", """
            public partial class Workflow
            {
                private readonly List<int> _log = new();

                [Checkpoint]
                public partial void Step([WorkflowId] string id);
                private void StepCore(string id) { _log.Add(1); }

                [Retry]
                public partial void Other();
                private void OtherCore() => Helper();
                private void Helper() { _log.Add(2); }
            }
            """);
        Assert.Equal(new[] { "Suppress RES1005 with a justification" }, titles);
    }

    [Theory]
    [InlineData("RES1002", "Interlocked.Increment(ref _count);")]
    [InlineData("RES1003", "_count = _count + 1;")]
    [InlineData("RES1004", "Execute(\"UPDATE t SET n = n + 1\");")]
    [InlineData("RES1005", "_items.Add(1);")]
    [InlineData("RES1006", "_http.PostAsync(\"/x\", null).Wait();")]
    public async Task EveryHazard_CanBeSuppressed_AndMarkedIdempotent(string id, string statement)
    {
        var source = $$"""
            public partial class Agent
            {
                private int _count;
                private readonly List<int> _items = new();
                private readonly HttpClient _http = new();
                private static void Execute(string sql) { }

                [Retry]
                public partial void Run();
                private void RunCore()
                {
                    {{statement}}
                }
            }
            """;
        var suppressed = await CodeFixHarness.ApplyAsync(new HazardCodeFixProvider(), id, "Suppress", source);
        Assert.Contains("#pragma warning disable " + id, suppressed[0]);
        Assert.Contains("#pragma warning restore " + id, suppressed[0]);

        var idempotent = await CodeFixHarness.ApplyAsync(new HazardCodeFixProvider(), id, "Idempotent", source);
        Assert.Contains("[Idempotent]", idempotent[0]);
    }

    [Fact]
    public async Task RES0005_GeneratesTheMissingFallback()
    {
        var result = await CodeFixHarness.ApplyAsync(new AttributeCodeFixProvider(), "RES0005", null, """
            public partial class Agent
            {
                [Fallback("FromCacheAsync")]
                public partial Task<int> FetchAsync(string id, CancellationToken ct = default);
                private Task<int> FetchAsyncCore(string id, CancellationToken ct) => Task.FromResult(1);
            }
            """);
        Assert.Contains("private Task<int> FromCacheAsync(string id, CancellationToken ct) => throw new NotImplementedException();", Squash(result[0]));
    }

    [Fact]
    public async Task RES0016_GivesTheLaterFallbackTheNextFreeOrder()
    {
        var result = await CodeFixHarness.ApplyAsync(new AttributeCodeFixProvider(), "RES0016", null, """
            public partial class Agent
            {
                [Fallback(nameof(A))]
                [Fallback(nameof(B), Order = 2)]
                [Fallback(nameof(C), Order = 2)]
                public partial int Run();
                private int RunCore() => 1;
                private int A() => 0;
                private int B() => 0;
                private int C() => 0;
            }
            """);
        Assert.Contains("[Fallback(nameof(C), Order = 3)]", result[0]);
        Assert.Contains("[Fallback(nameof(B), Order = 2)]", result[0]);
    }

    [Fact]
    public async Task RES0010_MarksTheChosenParameterAsWorkflowId()
    {
        var source = """
            public partial class Workflow
            {
                [Checkpoint]
                public partial Task StepAsync(string runId, double weight, CancellationToken ct = default);
                private Task StepAsyncCore(string runId, double weight, CancellationToken ct) => Task.CompletedTask;
            }
            """;
        Assert.Equal(new[] { "Mark parameter 'runId' as [WorkflowId]" }, await CodeFixHarness.GetTitlesAsync(new AttributeCodeFixProvider(), "RES0010", source));
        var result = await CodeFixHarness.ApplyAsync(new AttributeCodeFixProvider(), "RES0010", "runId", source);
        Assert.Contains("StepAsync([WorkflowId] string runId, double weight", result[0]);
    }

    [Fact]
    public async Task RES0034_AddsAFailureRatio()
    {
        var result = await CodeFixHarness.ApplyAsync(new OutcomeCodeFixProvider(), "RES0034", null, """
            public partial class Agent
            {
                [CircuitBreaker(SamplingCalls = 4)]
                public partial int Run();
                private int RunCore() => 1;
            }
            """);
        Assert.Contains("[CircuitBreaker(SamplingCalls = 4, FailureRatio = 0.5)]", result[0]);
    }

    [Fact]
    public async Task RES0035_MakesTheSecondAttemptTimeoutTheOverallOne()
    {
        var result = await CodeFixHarness.ApplyAsync(new OutcomeCodeFixProvider(), "RES0035", null, """
            public partial class Agent
            {
                [Timeout(100)]
                [Timeout(1_000)]
                public partial Task RunAsync(CancellationToken ct);
                private Task RunAsyncCore(CancellationToken ct) => Task.CompletedTask;
            }
            """);
        Assert.Contains("[Timeout(100)]", result[0]);
        Assert.Contains("[Timeout(1_000, Scope = TimeoutScope.Overall)]", result[0]);
    }

    [Fact]
    public async Task RES0036_RemovesTheResultOption()
    {
        var result = await CodeFixHarness.ApplyAsync(new OutcomeCodeFixProvider(), "RES0036", null, """
            public partial class Agent
            {
                [Retry(MaxRetries = 2, RetryOnResult = nameof(IsBad))]
                public partial Task RunAsync();
                private Task RunAsyncCore() => Task.CompletedTask;
                private static bool IsBad(object result) => true;
            }
            """);
        Assert.Contains("[Retry(MaxRetries = 2)]", result[0]);
    }
}
