using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Generators;

namespace Resilience.IntegrationTests;

/// <summary>
/// The samples commit their generated code under Generated/ for review. This fails when those files differ from what the
/// generator produces now (RESILIENCE_UPDATE_BASELINES=1 rewrites them; review the diff).
/// </summary>
public class SampleGeneratedCodeTests
{
    public static TheoryData<string> Samples => new(
        Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, "samples"))
            .Where(d => Directory.Exists(Path.Combine(d, "Generated")))
            .Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Committed_generated_files_are_current(string sample)
    {
        string directory = Path.Combine(RepositoryPaths.Root, "samples", sample);
        string generatedRoot = Path.Combine(directory, "Generated", "Resilience.Generator", "Resilience.Generators.ResilienceGenerator");

        var trees = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsUnder(f, directory, "Generated") && !IsUnder(f, directory, "obj") && !IsUnder(f, directory, "bin"))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest), f))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, new CSharpParseOptions(LanguageVersion.Latest), "GlobalUsings.g.cs"));

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(RetryAttribute).Assembly.Location)
            .Append(typeof(RetryPolicy).Assembly.Location)
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(sample, trees, references, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new ResilienceGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var expected = driver.GetRunResult().GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString());
        if (Environment.GetEnvironmentVariable("RESILIENCE_UPDATE_BASELINES") == "1")
        {
            foreach (string stale in Directory.GetFiles(generatedRoot, "*.cs")) File.Delete(stale);
            foreach ((string name, string text) in expected) File.WriteAllText(Path.Combine(generatedRoot, name), text);
        }

        var committed = Directory.GetFiles(generatedRoot, "*.cs").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f).ReplaceLineEndings("\n"));

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), committed.Keys.Order(StringComparer.Ordinal));
        foreach ((string name, string text) in expected)
        {
            Assert.True(text == committed[name], $"samples/{sample}/Generated/.../{name} is stale: run the tests with RESILIENCE_UPDATE_BASELINES=1 and review the diff.");
        }
    }

    private static bool IsUnder(string file, string root, string folder) =>
        Path.GetRelativePath(root, file).StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    // The implicit usings of an SDK console project.
    private const string GlobalUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;
}
