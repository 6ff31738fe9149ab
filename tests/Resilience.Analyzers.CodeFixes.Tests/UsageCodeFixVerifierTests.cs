using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Resilience.Analyzers.Tests.Infrastructure;
using Resilience.Generators;

namespace Resilience.Analyzers.CodeFixes.Tests;

/// <summary>
/// The usage fixes on Microsoft.CodeAnalysis.CSharp.CodeFix.Testing: the generator reports the diagnostic (the library
/// runs it and offers its diagnostics to the fix), <c>FixedCode</c> is compared exactly, and fix-all in document, project
/// and solution scope is exercised by the library for providers with a batch fixer.
/// </summary>
public class UsageCodeFixVerifierTests
{
    [Fact]
    public async Task RES0002_MakesEveryTypePartial_OneByOneAndAsABatch()
    {
        await new Test<MakePartialCodeFixProvider>
        {
            TestCode = UsageVerifier.Prelude + """
                public class {|RES0002:Outer|}
                {
                    public class {|RES0002:Agent|}
                    {
                        [Retry]
                        public partial int Fetch();
                        private int FetchCore() => 1;
                    }
                }
                """,
            FixedCode = UsageVerifier.Prelude + """
                public partial class Outer
                {
                    public partial class Agent
                    {
                        [Retry]
                        public partial int Fetch();
                        private int FetchCore() => 1;
                    }
                }
                """,
            // Before the fix the compiler's CS0751/CS8795 stand beside RES0002; the test is about RES0002.
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }

    [Fact]
    public async Task RES0003_WritesTheMissingCore()
    {
        await new Test<GenerateCoreCodeFixProvider>
        {
            TestCode = UsageVerifier.Prelude + """
                public partial class Agent
                {
                    [Retry]
                    public partial Task<int> {|RES0003:FetchAsync|}(string id, CancellationToken ct);

                    [Retry]
                    public partial void {|RES0003:Tick|}();
                }
                """,
            FixedCode = UsageVerifier.Prelude + """
                public partial class Agent
                {
                    [Retry]
                    public partial Task<int> FetchAsync(string id, CancellationToken ct);
                    private Task<int> FetchAsyncCore(string id, CancellationToken ct) => throw new NotImplementedException();
                    [Retry]
                    public partial void Tick();
                    private void TickCore() => throw new NotImplementedException();
                }
                """,
        }.RunAsync();
    }

    [Fact]
    public async Task RES0014_AddsACancellationToken()
    {
        await new Test<AddCancellationTokenCodeFixProvider>
        {
            TestCode = UsageVerifier.Prelude + """
                public partial class Agent
                {
                    [{|RES0014:Timeout(100)|}]
                    public partial Task RunAsync(string id);
                    private Task RunAsyncCore(string id) => Task.CompletedTask;
                }
                """,
            FixedCode = UsageVerifier.Prelude + """
                public partial class Agent
                {
                    [Timeout(100)]
                    public partial Task RunAsync(string id, CancellationToken cancellationToken = default);
                    private Task RunAsyncCore(string id, CancellationToken cancellationToken) => Task.CompletedTask;
                }
                """,
        }.RunAsync();
    }

    /// <summary>A code-fix test whose diagnostics come from <see cref="ResilienceGenerator"/> (no analyzer).</summary>
    private sealed class Test<TCodeFix> : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, TCodeFix, DefaultVerifier>
        where TCodeFix : CodeFixProvider, new()
    {
        public Test()
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            TestState.AdditionalReferences.AddRange(TestReferences.Project);
            FixedState.AdditionalReferences.AddRange(TestReferences.Project);
            TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        }

        protected override IEnumerable<Type> GetSourceGenerators()
        {
            yield return typeof(ResilienceGenerator);
        }

        protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);
    }
}
