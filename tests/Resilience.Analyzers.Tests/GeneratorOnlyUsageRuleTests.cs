using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// RES0020–RES0023 (what once only made the generator write a throwing body, with no diagnostic to say why), RES0006
/// listing every overload, and the usage diagnostics on a command-line build whose compilation has errors.
/// </summary>
public class GeneratorOnlyUsageRuleTests
{
    [Fact]
    public async Task RES0020_RefStructParameterOnAsyncMethod()
    {
        await UsageVerifier.VerifyAsync("""
            public partial class Agent
            {
                [Retry]
                public partial Task<int> SumAsync(ReadOnlySpan<int> {|RES0020:values|});
                private Task<int> SumAsyncCore(ReadOnlySpan<int> values) => Task.FromResult(values.Length);

                [Retry]
                public partial int Sum(ReadOnlySpan<int> values);
                private int SumCore(ReadOnlySpan<int> values) => values.Length;
            }
            """);
    }

    [Fact]
    public async Task RES0021_GenericIdempotentOrCheckpoint()
    {
        var diagnostics = await UsageVerifier.VerifyAsync("""
            public partial class Agent
            {
                [{|RES0021:Idempotent|}]
                public partial Task<T> SaveAsync<T>(T value);
                private Task<T> SaveAsyncCore<T>(T value) => Task.FromResult(value);

                [{|RES0021:Checkpoint|}]
                public partial Task<T> StepAsync<T>([WorkflowId] string run, T value);
                private Task<T> StepAsyncCore<T>(string run, T value) => Task.FromResult(value);
            }
            """);
        Assert.Equal("'SaveAsync' has [Idempotent] and is generic; the stored result's type must be fixed, so make 'SaveAsync' non-generic", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0022_RuntimeWithoutThePolicyType()
    {
        await UsageVerifier.VerifyAsync(
            """
            public partial class Agent
            {
                [{|RES0022:Idempotent|}]
                public partial Task SaveAsync(string id);
                private Task SaveAsyncCore(string id) => Task.CompletedTask;
            }
            """,
            withRuntime: false);
    }

    [Fact]
    public async Task RES0023_CheckpointStateThatCannotBeRestored()
    {
        await UsageVerifier.VerifyAsync("""
            public sealed class Progress { public int Done { get; set; } }
            public partial class Workflow
            {
                [CheckpointState]
                public Progress {|RES0023:State|} { get; } = new();

                [Checkpoint]
                public partial Task StepAsync([WorkflowId] string run);
                private Task StepAsyncCore(string run) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0007_EmptyCheckpointStep()
    {
        await UsageVerifier.VerifyAsync("""
            public partial class Workflow
            {
                [Checkpoint({|RES0007:Step = " "|})]
                public partial Task StepAsync([WorkflowId] string run);
                private Task StepAsyncCore(string run) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0006_ListsEveryIncompatibleOverload()
    {
        var diagnostics = await UsageVerifier.VerifyAsync("""
            public partial class Agent
            {
                [Fallback({|RES0006:nameof(Cached)|})]
                public partial int Run(string name);
                private int RunCore(string name) => 1;
                private int Cached(int name) => 0;
                private string Cached(string name) => "";
            }
            """);
        string message = diagnostics.Single().GetMessage();
        Assert.Contains("'Cached(int)': parameter 1 is 'int', expected 'string'", message);
        Assert.Contains("'Cached(string)': it returns 'string', which is not compatible with 'int'", message);
    }

    [Fact]
    public void UsageDiagnostics_AppearOnTheCommandLine_WhenTheCompilationHasErrors()
    {
        // A type that is not partial: the compiler reports CS0751/CS8795, and a command-line build runs no analyzer on a
        // compilation with errors. The generator's diagnostics are reported all the same, so the fix is on screen.
        var (diagnostics, output) = UsageVerifier.RunGenerator(UsageVerifier.Prelude + """
            public class Agent
            {
                [Retry(MaxRetries = -1)]
                [Timeout(500)]
                public partial Task RunAsync(string id);
                private Task RunAsyncCore(string id) => Task.CompletedTask;

                [Idempotent(Key = "{missing}")]
                public partial Task SaveAsync(string id, CancellationToken ct);
                private Task SaveAsyncCore(string id, CancellationToken ct) => Task.CompletedTask;
            }
            """);

        Assert.Contains(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id is "CS0751" or "CS8795");
        Assert.Equal(new[] { "RES0002", "RES0007", "RES0009", "RES0014" }, diagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
        Assert.Single(diagnostics, d => d.Id == "RES0002");
        Assert.All(diagnostics, d => Assert.True(d.Location.IsInSource, d.ToString()));
    }
}
