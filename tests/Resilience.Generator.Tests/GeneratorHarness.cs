using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Generators;

namespace Resilience.Generator.Tests;

/// <summary>Runs <see cref="ResilienceGenerator"/> on source text with <see cref="CSharpGeneratorDriver"/> and compiles the result.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(RetryAttribute).Assembly.Location);
        paths.Add(typeof(RetryPolicy).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) =>
        new CSharpParseOptions(version);

    public static CSharpCompilation Compilation(string source, LanguageVersion version = LanguageVersion.Latest, params string[] more) =>
        CSharpCompilation.Create(
            "Tests",
            new[] { source }.Concat(more).Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions(version), path: $"Source{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(LanguageVersion version = LanguageVersion.Latest) =>
        CSharpGeneratorDriver.Create(
            new[] { new ResilienceGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions(version),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <param name="GeneratorDiagnostics">The generator's own (usage) diagnostics.</param>
    /// <param name="Diagnostics">The diagnostics of the compilation with the generated code.</param>
    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> Diagnostics)
    {
        public IReadOnlyList<GeneratedSourceResult> Sources => Run.Results.Single().GeneratedSources;

        public string Text(string hintSuffix) => Sources.Single(s => s.HintName.EndsWith(hintSuffix, StringComparison.Ordinal)).SourceText.ToString();

        /// <summary>Errors and warnings of the compilation with the generated code (hidden/info diagnostics excluded).</summary>
        public IEnumerable<Diagnostic> Problems => Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);
    }

    public static Result Run(string source, LanguageVersion version = LanguageVersion.Latest)
    {
        CSharpCompilation compilation = Compilation(source, version);
        GeneratorDriver driver = Driver(version).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(generatorDiagnostics, d => !d.Id.StartsWith("RES", StringComparison.Ordinal));
        return new Result(run, output, generatorDiagnostics, output.GetDiagnostics());
    }

    public static string Format(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()));
}
