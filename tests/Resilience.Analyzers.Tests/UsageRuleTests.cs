using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// RES0001–RES0019, reported by the generator: one positive and one negative case per rule at least, with exact spans
/// (Microsoft.CodeAnalysis.Testing markup, see <see cref="UsageVerifier"/>).
/// </summary>
public class UsageRuleTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> Verify(string markup, bool allowCompilerErrors = false) =>
        UsageVerifier.VerifyAsync(markup, allowCompilerErrors);

    [Fact]
    public async Task ValidMethod_ReportsNothing()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry(MaxRetries = 3, BaseDelayMs = 100, MaxDelayMs = 1000)]
                [CircuitBreaker(FailureThreshold = 3, BreakDurationMs = 30_000, FailureRatio = 0.5)]
                [Timeout(5_000)]
                [Bulkhead(MaxConcurrency = 4, MaxQueue = 2)]
                [Fallback(nameof(FromCacheAsync))]
                public partial Task<int> FetchAsync(string service, CancellationToken ct = default);

                private Task<int> FetchAsyncCore(string service, CancellationToken ct) => Task.FromResult(1);

                private Task<int> FromCacheAsync(string service, CancellationToken ct) => Task.FromResult(0);
            }
            """);
    }

    [Fact]
    public async Task RES0001_MethodWithBody()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                [Retry]
                public int {|RES0001:Fetch|}() => 1;
            }
            """);
        Assert.Contains("'Fetch'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0001_UserWrittenImplementationPart_ButNotGeneratedOne()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial int Fetch();
                public partial int {|RES0001:Fetch|}() => 1;
                private int FetchCore() => 1;
            }
            """);

        // The generator writes the implementation part of the user's declaration and checks it once: one RES0007, nothing
        // for the part it wrote.
        var (diagnostics, output) = UsageVerifier.RunGenerator(UsageVerifier.Prelude + """
            public partial class Agent
            {
                [Retry(MaxRetries = -1)]
                public partial int Fetch();
                private int FetchCore() => 1;
            }
            """);
        AnalyzerHarness.AssertNoCompilerErrors(output);
        Assert.Equal(new[] { "RES0007" }, diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task RES0001_NotReportedForPartialDefinition()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial int Fetch();
                private int FetchCore() => 1;
                public int Plain() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0002_TypeNotPartial_IncludingContainingTypes()
    {
        var diagnostics = await Verify("""
            public class {|RES0002:Outer|}
            {
                public partial class Inner
                {
                    [Retry]
                    public partial int Fetch();
                    private int FetchCore() => 1;
                }
            }
            public class {|RES0002:Agent|}
            {
                [Retry]
                public partial int Fetch();
                private int FetchCore() => 1;
            }
            """, allowCompilerErrors: true);
        Assert.Contains("Type 'Outer'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0002_NotReportedForTypesWithoutAnnotatedMethods()
    {
        await Verify("""
            public class Plain { public int M() => 1; }
            public partial record Agent
            {
                [Timeout(10)]
                public partial Task RunAsync(CancellationToken ct);
                private Task RunAsyncCore(CancellationToken ct) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0003_MissingCore()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial Task {|RES0003:RunAsync|}(CancellationToken ct);
            }
            """);
        // The message shows the declaration to add.
        Assert.Equal("'RunAsync' has no implementation method 'RunAsyncCore' in type 'Agent'; add 'private Task RunAsyncCore(CancellationToken ct)'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0003_OverloadWithoutItsOwnCore()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial int Fetch(int id);
                [Retry]
                public partial int {|RES0003:Fetch|}(string name);
                private int FetchCore(int id) => id;
            }
            """);
    }

    [Fact]
    public async Task RES0004_CoreMismatch_Parameters()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial Task<int> RunAsync(string name, CancellationToken ct);
                private Task<int> {|RES0004:RunAsyncCore|}(int name, CancellationToken ct) => Task.FromResult(1);
            }
            """);
        Assert.Contains("parameter 1 is 'int', expected 'string'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0004_CoreMismatch_ReturnStaticAndTypeParameters()
    {
        await Verify("""
            public partial class A
            {
                [Retry]
                public partial Task<int> RunAsync();
                private Task<long> {|RES0004:RunAsyncCore|}() => Task.FromResult(1L);
            }
            public partial class B
            {
                [Retry]
                public static partial int Run();
                private int {|RES0004:RunCore|}() => 1;
            }
            public partial class C
            {
                [Retry]
                public partial T Run<T>(T value);
                private T {|RES0004:RunCore|}(T value) => value;
            }
            """, allowCompilerErrors: true);
    }

    [Fact]
    public async Task RES0004_NotReportedForGenericAndStaticMatches()
    {
        await Verify("""
            public partial class Agent<TState>
            {
                [Retry]
                public partial Task<T> RunAsync<T>(T value, TState state) where T : class;
                private Task<U> {|RES0004:RunAsyncCore|}<U, V>(U value, TState state) where U : class => Task.FromResult(value);
            }
            """);
        await Verify("""
            public partial class Agent<TState>
            {
                [Retry]
                public partial Task<T> RunAsync<T>(T value, TState state) where T : class;
                private Task<U> RunAsyncCore<U>(U value, TState state) where U : class => Task.FromResult(value);

                [Retry]
                public static partial void Tick(int n);
                private static void TickCore(int n) { }
            }
            """);
    }

    [Fact]
    public async Task RES0005_FallbackNotFound()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                [Fallback({|RES0005:"Missing"|})]
                public partial int Run();
                private int RunCore() => 1;
            }
            """);
        Assert.Equal("Fallback method 'Missing' of 'Run' is not a method of type 'Agent'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0006_FallbackIncompatible()
    {
        await Verify("""
            public partial class Agent
            {
                [Fallback({|RES0006:nameof(WrongParameters)|})]
                [Fallback({|RES0006:nameof(WrongReturn)|}, Order = 1)]
                [Fallback({|RES0006:nameof(WrongException)|}, Order = 2)]
                public partial Task<int> RunAsync(string name);
                private Task<int> RunAsyncCore(string name) => Task.FromResult(1);
                private int WrongParameters(int name) => 0;
                private string WrongReturn(string name) => "";
                private int WrongException(string name, string error) => 0;

                [Fallback({|RES0006:nameof(InstanceFallback)|})]
                public static partial int Compute();
                private static int ComputeCore() => 1;
                private int InstanceFallback() => 0;
            }
            """);
    }

    [Fact]
    public async Task RES0006_NotReportedForCompatibleFallbacks()
    {
        await Verify("""
            public partial class Agent
            {
                [Fallback(nameof(SameReturn))]
                [Fallback(nameof(Synchronous), Order = 1)]
                [Fallback(nameof(ValueTaskResult), Order = 2)]
                [Fallback(nameof(WithException), Order = 3)]
                public partial Task<int> RunAsync(string name);
                private Task<int> RunAsyncCore(string name) => Task.FromResult(1);
                private Task<int> SameReturn(string name) => Task.FromResult(0);
                private int Synchronous(string name) => 0;
                private ValueTask<int> ValueTaskResult(string name) => new(0);
                private static int WithException(string name, Exception error) => 0;

                [Fallback(nameof(VoidFallback))]
                public partial Task NotifyAsync();
                private Task NotifyAsyncCore() => Task.CompletedTask;
                private void VoidFallback() { }
            }
            """);
    }

    [Theory]
    [InlineData("Retry", "MaxRetries = -1")]
    [InlineData("Retry", "BaseDelayMs = -5")]
    [InlineData("Retry", "MaxDelayMs = -1")]
    [InlineData("Retry", "ExponentialBase = 0.5")]
    [InlineData("Retry", "MaxTotalDelayMs = -1")]
    [InlineData("Retry", "BaseDelayMs = 5000, MaxDelayMs = 1000")]
    [InlineData("CircuitBreaker", "FailureThreshold = 0")]
    [InlineData("CircuitBreaker", "FailureRatio = 1.5")]
    [InlineData("CircuitBreaker", "FailureRatio = -0.1")]
    [InlineData("CircuitBreaker", "MinimumThroughput = 0")]
    [InlineData("CircuitBreaker", "BreakDurationMs = 0")]
    [InlineData("CircuitBreaker", "SamplingDurationMs = -1")]
    [InlineData("CircuitBreaker", "HalfOpenSuccesses = 0")]
    [InlineData("Bulkhead", "MaxConcurrency = 0")]
    [InlineData("Bulkhead", "MaxQueue = -1")]
    [InlineData("Idempotent", "TtlSeconds = 0")]
    [InlineData("Idempotent", "LeaseSeconds = -3")]
    public async Task RES0007_InvalidNumbers(string attribute, string argument)
    {
        // The first named argument carries the diagnostic (for BaseDelayMs > MaxDelayMs: BaseDelayMs).
        var comma = argument.IndexOf(", ", StringComparison.Ordinal);
        var marked = comma < 0 ? "{|RES0007:" + argument + "|}" : "{|RES0007:" + argument[..comma] + "|}" + argument[comma..];
        var diagnostics = await Verify($$"""
            public partial class Agent
            {
                [{{attribute}}({{marked}})]
                public partial Task RunAsync(CancellationToken ct);
                private Task RunAsyncCore(CancellationToken ct) => Task.CompletedTask;
            }
            """);
        Assert.Contains($"of [{attribute}] on 'RunAsync'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0007_TimeoutNotPositive_AndMaxDelayBelowDefaultBase()
    {
        await Verify("""
            public partial class Agent
            {
                [Timeout({|RES0007:0|})]
                [Retry({|RES0007:MaxDelayMs = 500|})]
                public partial Task RunAsync(CancellationToken ct);
                private Task RunAsyncCore(CancellationToken ct) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0007_BoundaryValuesAreValid()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry(MaxRetries = 0, BaseDelayMs = 0, MaxDelayMs = 0, ExponentialBase = 1.0, MaxTotalDelayMs = 0)]
                [CircuitBreaker(FailureThreshold = 1, FailureRatio = 1.0, MinimumThroughput = 1, BreakDurationMs = 1, SamplingDurationMs = 0, HalfOpenSuccesses = 1)]
                [Timeout(1)]
                [Bulkhead(MaxConcurrency = 1, MaxQueue = 0)]
                public partial Task RunAsync(CancellationToken ct);
                private Task RunAsyncCore(CancellationToken ct) => Task.CompletedTask;

                [Idempotent(TtlSeconds = 1, LeaseSeconds = 1)]
                [CircuitBreaker(FailureRatio = 0)]
                public partial Task SaveAsync(CancellationToken ct);
                private Task SaveAsyncCore(CancellationToken ct) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0008_NonExceptionTypes()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                [Retry(RetryOn = new[] { typeof(TimeoutException), {|RES0008:typeof(string)|} }, AbortOn = new[] { {|RES0008:typeof(int)|} })]
                [CircuitBreaker(HandleOn = new[] { {|RES0008:typeof(object)|} }, IgnoreOn = new[] { typeof(ArgumentException) })]
                [Fallback(nameof(Cached), HandleOn = new[] { typeof(HttpRequestException) }, SkipOn = new[] { {|RES0008:typeof(Agent)|} })]
                public partial int Run();
                private int RunCore() => 1;
                private int Cached() => 0;
            }
            """);
        Assert.Equal("'string' in 'RetryOn' of [Retry] on 'Run' does not derive from System.Exception", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0009_KeyPlaceholders()
    {
        var diagnostics = await Verify("""
            public sealed class Incident { public string Id { get; set; } = ""; public Service Owner = new(); }
            public sealed class Service { public string Name => ""; }
            public partial class Agent
            {
                [Idempotent(Key = "{service}:{incident.Id}:{incident.Owner.Name}:{{literal}}")]
                public partial Task<int> GoodAsync(string service, Incident incident);
                private Task<int> GoodAsyncCore(string service, Incident incident) => Task.FromResult(1);

                [Idempotent(Key = "{service}:{|RES0009:{unknown}|}:{|RES0009:{incident.Missing}|}:{|RES0009:{}|}")]
                public partial Task<int> BadAsync(string service, Incident incident);
                private Task<int> BadAsyncCore(string service, Incident incident) => Task.FromResult(1);

                [Idempotent(Key = "{ service }:{when.Ticks}:{point.X}")]
                public partial Task<int> PaddedAsync(string service, DateTime? when, System.Drawing.Point? point);
                private Task<int> PaddedAsyncCore(string service, DateTime? when, System.Drawing.Point? point) => Task.FromResult(1);

                [Idempotent(Key = {|RES0009:""|})]
                public partial Task<int> EmptyAsync(string service);
                private Task<int> EmptyAsyncCore(string service) => Task.FromResult(1);

                [Idempotent(Key = "id-{|RES0009:{service|}")]
                public partial Task<int> UnclosedAsync(string service);
                private Task<int> UnclosedAsyncCore(string service) => Task.FromResult(1);
            }
            """);
        Assert.Contains("'{unknown}' does not name a parameter of 'BadAsync'", diagnostics[0].GetMessage());
        Assert.Contains("'Incident' has no property or field 'Missing'", diagnostics[1].GetMessage());
    }

    [Fact]
    public async Task RES0010_CheckpointWithoutWorkflowId_IsAWarning()
    {
        var diagnostics = await Verify("""
            public partial class Workflow
            {
                [{|RES0010:Checkpoint|}]
                public partial Task StepAsync(string input);
                private Task StepAsyncCore(string input) => Task.CompletedTask;

                [Checkpoint(Step = "two")]
                public partial Task StepTwoAsync([WorkflowId] string runId);
                private Task StepTwoAsyncCore(string runId) => Task.CompletedTask;
            }
            """);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
        Assert.Contains("ambient CheckpointScope", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0011_RefOutInParameters()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial int Run(ref int {|RES0011:a|}, out int {|RES0011:b|}, in int {|RES0011:c|}, int d);
                private int RunCore(ref int a, out int b, in int c, int d) { b = 0; return 1; }
            }
            """);
    }

    [Fact]
    public async Task RES0012_RefReturnAndAsyncStreams()
    {
        await Verify("""
            public partial class Agent
            {
                private int _value;

                [Retry]
                public partial ref int {|RES0012:Slot|}();
                private ref int SlotCore() => ref _value;

                [Retry]
                public partial IAsyncEnumerable<int> {|RES0012:StreamAsync|}();
                private IAsyncEnumerable<int> StreamAsyncCore() => throw new NotSupportedException();

                [Retry]
                public partial ValueTask<int> FineAsync();
                private ValueTask<int> FineAsyncCore() => new(1);
            }
            """);
    }

    [Fact]
    public async Task RES0013_AsyncVoidCore()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry]
                public partial void Fire();
                private async void {|RES0013:FireCore|}() => await Task.Yield();

                [Retry]
                public partial Task FireAsync();
                private async Task FireAsyncCore() => await Task.Yield();
            }
            """);
    }

    [Fact]
    public async Task RES0014_TimeoutWithoutToken()
    {
        var diagnostics = await Verify("""
            public partial class Agent
            {
                [{|RES0014:Timeout(1000)|}]
                public partial Task RunAsync(string name);
                private Task RunAsyncCore(string name) => Task.CompletedTask;

                [Timeout(1000)]
                public partial Task WithTokenAsync(string name, CancellationToken token = default);
                private Task WithTokenAsyncCore(string name, CancellationToken token) => Task.CompletedTask;
            }
            """);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostics[0].Severity);
    }

    [Fact]
    public async Task RES0015_IdempotentWithCheckpoint()
    {
        await Verify("""
            public partial class Agent
            {
                [Idempotent]
                [{|RES0015:Checkpoint|}]
                public partial Task RunAsync([WorkflowId] string id);
                private Task RunAsyncCore(string id) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0016_DuplicateFallbackOrder()
    {
        await Verify("""
            public partial class Agent
            {
                [Fallback(nameof(A))]
                [{|RES0016:Fallback(nameof(B))|}]
                [Fallback(nameof(C), Order = 1)]
                public partial int Run();
                private int RunCore() => 1;
                private int A() => 0;
                private int B() => 0;
                private int C() => 0;
            }
            """);
    }

    [Fact]
    public async Task RES0017_FallbackIsSelfOrCore()
    {
        await Verify("""
            public partial class Agent
            {
                [Fallback({|RES0017:nameof(Run)|})]
                [Fallback({|RES0017:nameof(RunCore)|}, Order = 1)]
                public partial int Run();
                private int RunCore() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0018_ShouldRetry()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry(ShouldRetry = nameof(IsTransient))]
                public partial int Good();
                private int GoodCore() => 1;
                private static bool IsTransient(Exception error) => error is TimeoutException;

                [Retry({|RES0018:ShouldRetry = nameof(NotStatic)|})]
                public partial int Bad();
                private int BadCore() => 1;
                private bool NotStatic(Exception error) => true;

                [Retry({|RES0018:ShouldRetry = "Missing"|})]
                public partial int Missing();
                private int MissingCore() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0019_InterfaceMethodsLocalFunctionsAndLambdas()
    {
        await Verify("""
            public partial interface IAgent
            {
                [Retry]
                Task {|RES0019:RunAsync|}();
            }
            public interface INotPartial
            {
                [Timeout(5)]
                void {|RES0019:Run|}(CancellationToken ct);
            }
            public partial class Agent
            {
                public int Work()
                {
                    [Retry]
                    int {|RES0019:Local|}() => 1;
                    Func<int> lambda = [Timeout(10)] {|RES0019:()|} => 2;
                    [Obsolete]
                    int Other() => 3;
                    return Local() + lambda() + Other();
                }
            }
            """);
    }

    [Fact]
    public async Task RES0019_NotReported_ForMembersOfProxiedInterfacesAndTheirBases_NorOnProxyDeclarations()
    {
        // The generated proxy applies these; the generator reports what it cannot (RES0040-RES0045). An interface nobody
        // proxies keeps RES0019.
        await Verify("""
            public interface IBase
            {
                [Timeout(100)]
                Task PingAsync(CancellationToken ct);
            }
            public interface IInventoryApi : IBase
            {
                [Retry(MaxRetries = 2)]
                Task<int> GetStockAsync(string sku, CancellationToken ct = default);
            }
            public interface IUnproxied
            {
                [Retry]
                Task {|RES0019:RunAsync|}();
            }
            [ResilientProxy(typeof(IInventoryApi))]
            [CircuitBreaker(Name = "inventory")]
            public partial class ResilientInventoryApi
            {
                [Timeout(2_000)]
                public partial Task<int> GetStockAsync(string sku, CancellationToken ct = default);
            }
            """, allowCompilerErrors: true);
    }

    [Fact]
    public async Task RES0040_RES0041_ProxyDeclarationAndInterface()
    {
        await Verify("""
            public interface IA { void M(); }
            public class A { }
            [ResilientProxy(typeof(IA))] public class {|RES0040:NotPartial|} { }
            [{|RES0041:ResilientProxy(typeof(A))|}] public partial class NotAnInterface { }
            """, allowCompilerErrors: true);
    }

    [Fact]
    public async Task RES0042_To_RES0045_ProxyMembers()
    {
        await Verify("""
            public interface IWidgets
            {
                string {|RES0043:Name|} { get; init; }
                [{|RES0044:Fallback("Cached")|}]
                Task<int> CountAsync(CancellationToken ct);
                IAsyncEnumerable<int> {|RES0043:StreamAsync|}(CancellationToken ct);
            }

            [ResilientProxy(typeof(IWidgets))]
            [Retry]
            public partial class ResilientWidgets
            {
                [Timeout(100)]
                public partial Task<int> {|RES0042:CountAsync|}(string id);

                [NoClassPolicies(ClassPolicies.Timeout)]
                public partial Task<int> {|RES0045:CountAsync|}(CancellationToken ct);
            }
            """, allowCompilerErrors: true);
    }

    [Fact]
    public void NothingReported_WhenResilienceIsNotReferenced()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoResilience",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public class C { [Retry] public int M() { int x = 0; x++; return x; } }") },
            AnalyzerHarness.References.Where(r => !(r.Display ?? "").Contains("Resilience", StringComparison.Ordinal)),
            AnalyzerHarness.CompilationOptions);
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(new Resilience.Generators.ResilienceGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Null(driver.GetRunResult().Results.Single().Exception);
    }
}
