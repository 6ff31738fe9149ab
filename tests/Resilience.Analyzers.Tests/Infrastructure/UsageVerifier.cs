using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Resilience.Generators;

namespace Resilience.Analyzers.Tests.Infrastructure;

/// <summary>
/// The usage rules RES0xxx are reported by <see cref="ResilienceGenerator"/>. This runs it through
/// Microsoft.CodeAnalysis.CSharp.Analyzer.Testing (default verifier): <c>{|RES0003:text|}</c> markup, exact spans, the
/// compiler's own errors checked too unless a test allows them.
/// </summary>
public static class UsageVerifier
{
    /// <summary>Usings every test source gets (like ImplicitUsings), so tests show only what matters.</summary>
    public const string Prelude = AnalyzerHarness.Prelude;

    /// <summary>Verifies the marked diagnostics and returns the generator's diagnostics (by position) for message checks.</summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, bool allowCompilerErrors = false, bool withRuntime = true)
    {
        var test = new Test(withRuntime) { TestCode = Prelude + markup };
        if (allowCompilerErrors)
        {
            test.CompilerDiagnostics = CompilerDiagnostics.None;
        }

        await test.RunAsync();
        return RunGenerator(Markup.Strip(Prelude + markup)).Diagnostics;
    }

    /// <summary>Runs the generator on plain sources: its diagnostics (by position) and the compilation with its output.</summary>
    public static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) RunGenerator(params string[] sources)
    {
        var compilation = AnalyzerHarness.Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new ResilienceGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        return (diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray(), output);
    }

    /// <summary>An analyzer test with no analyzer: only the generator reports.</summary>
    public sealed class Test : CSharpAnalyzerTest<EmptyDiagnosticAnalyzer, DefaultVerifier>
    {
        public Test(bool withRuntime = true)
        {
            ReferenceAssemblies = TestReferences.Assemblies;
            TestState.AdditionalReferences.AddRange(withRuntime ? TestReferences.Project : TestReferences.WithoutRuntime);
            // The generated files are the baseline tests' business; these tests are about diagnostics.
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

/// <summary>
/// Reference assemblies for Microsoft.CodeAnalysis.Testing without a download: the SDK's own
/// <c>packs/Microsoft.NETCore.App.Ref/{version}/ref/net{major}.0</c>, plus Resilience.Attributes and Resilience.Runtime.
/// </summary>
public static class TestReferences
{
    /// <summary>No package to resolve: the framework comes from <see cref="Project"/>.</summary>
    public static ReferenceAssemblies Assemblies { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Project { get; } = Load().Append(MetadataReference.CreateFromFile(typeof(ResilienceException).Assembly.Location)).ToImmutableArray();

    /// <summary>The attributes without Resilience.Runtime (an application that forgot, or pinned an old, runtime).</summary>
    public static ImmutableArray<MetadataReference> WithoutRuntime { get; } = Load().ToImmutableArray();

    private static IEnumerable<MetadataReference> Load()
    {
        string runtime = RuntimeEnvironment.GetRuntimeDirectory(); // {root}/shared/Microsoft.NETCore.App/{version}/
        string root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        string packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        string version = Path.GetFileName(Path.TrimEndingDirectorySeparator(runtime));
        string major = version.Split('.')[0];
        string directory = Directory.Exists(Path.Combine(packs, version))
            ? Path.Combine(packs, version)
            : Directory.GetDirectories(packs).Where(d => Path.GetFileName(d).StartsWith(major + ".", StringComparison.Ordinal)).OrderBy(d => d, StringComparer.Ordinal).Last();
        string assemblies = Path.Combine(directory, "ref", "net" + major + ".0");
        return Directory.GetFiles(assemblies, "*.dll")
            .Append(typeof(RetryAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}
