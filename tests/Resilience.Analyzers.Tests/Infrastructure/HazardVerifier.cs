using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Resilience.Analyzers.Tests.Infrastructure;

/// <summary>
/// Hazard-rule tests on Microsoft.CodeAnalysis.CSharp.Analyzer.Testing (default verifier): <c>{|RES1001:x += 1|}</c>
/// expects RES1001 on that span; <c>{|#0:x|}</c> with <see cref="Diagnostic(string, int)"/> checks the message too.
/// </summary>
/// <remarks>
/// Reference assemblies are the SDK's own <c>packs/Microsoft.NETCore.App.Ref</c> (nothing is downloaded) plus the
/// Resilience attributes and runtime. The generator does not run here, so CS8795 (an annotated partial method has no
/// implementation part) is disabled; any other compiler error fails the test.
/// </remarks>
public static class HazardVerifier
{
    /// <summary>No package: the framework assemblies are added from the SDK's reference pack instead.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        var dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(object).Assembly.Location))))!;
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var version = Directory.GetDirectories(packs)
            .Select(Path.GetFileName)
            .Where(v => v!.StartsWith(Environment.Version.Major + ".", StringComparison.Ordinal))
            .OrderByDescending(v => Version.TryParse(v, out var parsed) ? parsed : new Version())
            .First()!;
        var directory = Path.Combine(packs, version, "ref", "net" + Environment.Version.Major + ".0");
        return Directory.GetFiles(directory, "*.dll")
            .Append(typeof(RetryAttribute).Assembly.Location)
            .Append(typeof(ResilienceException).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    public static DiagnosticResult Diagnostic(string id, int location) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(location);

    /// <summary>Runs the hazard analyzer over <paramref name="markup"/> (with <see cref="AnalyzerHarness.Prelude"/> in front).</summary>
    public static Task VerifyAsync(string markup, params DiagnosticResult[] expected) => VerifyAsync(new[] { markup }, expected);

    public static async Task VerifyAsync(string[] sources, DiagnosticResult[] expected, IEnumerable<(string Path, string Text)>? additionalFiles = null)
    {
        var test = new Test();
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"/0/Test{i}.cs", (i == 0 ? AnalyzerHarness.Prelude : string.Empty) + sources[i]));
        }

        foreach (var (path, text) in additionalFiles ?? Enumerable.Empty<(string, string)>())
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private sealed class Test : CSharpAnalyzerTest<IdempotencyHazardAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = HazardVerifier.ReferenceAssemblies;
            TestState.AdditionalReferences.AddRange(LazyReferences.Value);
            // Each hazard rule has two descriptors (live and compilation-end) with the same ID.
            MarkupOptions = MarkupOptions.UseFirstDescriptor;
        }

        protected override bool IsCompilerDiagnosticIncluded(Microsoft.CodeAnalysis.Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics) =>
            !AnalyzerHarness.GeneratorSuppliedErrors.Contains(diagnostic.Id) && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);

        protected override CompilationOptions CreateCompilationOptions() =>
            ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion.Latest);
    }
}
