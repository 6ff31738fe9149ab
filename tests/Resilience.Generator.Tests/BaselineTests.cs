using System.Text;
using Microsoft.CodeAnalysis;

namespace Resilience.Generator.Tests;

/// <summary>
/// The emitted code of every shape, compared exactly with the files under Baselines/. Set RESILIENCE_UPDATE_BASELINES=1
/// to rewrite them, then review the diff: emitted code is product.
/// </summary>
public class BaselineTests
{
    public static TheoryData<string> ValidCases => new(ShapeCases.Valid.Keys);

    public static TheoryData<string> InvalidCases => new(ShapeCases.Invalid.Keys);

    public static TheoryData<string> IgnoredCases => new(ShapeCases.Ignored.Keys);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_shapes_match_baseline_and_compile_without_warnings(string name)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(ShapeCases.Valid[name]);

        Assert.True(!result.Problems.Any(), GeneratorHarness.Format(result.Problems));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.NotEmpty(result.Sources);
        Assert.DoesNotContain(result.Sources, s => s.SourceText.ToString().Contains("NotSupportedException"));
        AssertBaseline(name, result);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Invalid_methods_get_a_throwing_body_that_compiles(string name)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(ShapeCases.Invalid[name]);

        // No follow-on compiler error (CS8795 and friends): the generator's RES diagnostic is what explains the fix, and the
        // throwing body names the same diagnostics.
        Assert.True(!result.Problems.Any(), GeneratorHarness.Format(result.Problems));
        Assert.All(result.Sources, s => Assert.Contains("throw new global::System.NotSupportedException(", s.SourceText.ToString()));
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, d => Assert.Contains(result.Sources, s => s.SourceText.ToString().Contains(d.Id + ": ", StringComparison.Ordinal)));
        AssertBaseline(name, result);
    }

    [Theory]
    [MemberData(nameof(IgnoredCases))]
    public void Unusable_declarations_produce_nothing_and_never_crash(string name)
    {
        GeneratorHarness.Result result = GeneratorHarness.Run(ShapeCases.Ignored[name]);

        Assert.Empty(result.Sources);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id is "RES0001" or "RES0002" or "RES0019");
    }

    public static TheoryData<string> BrokenCases => new(ShapeCases.Broken.Keys);

    [Theory]
    [MemberData(nameof(BrokenCases))]
    public void Broken_code_never_crashes_the_generator(string name)
    {
        // Run asserts that the driver reports no exception and no CS8785 (generator failed) diagnostic.
        GeneratorHarness.Result result = GeneratorHarness.Run(ShapeCases.Broken[name]);

        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");
    }

    private static void AssertBaseline(string name, GeneratorHarness.Result result)
    {
        var actual = new StringBuilder();
        foreach (GeneratedSourceResult source in result.Sources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            actual.Append("// ==== ").Append(source.HintName).Append('\n').Append(source.SourceText.ToString());
        }

        Baseline.Assert(name, actual.ToString());
    }
}

/// <summary>Compares emitted text with Baselines/{name}.cs, or rewrites it when RESILIENCE_UPDATE_BASELINES=1.</summary>
internal static class Baseline
{
    public static void Assert(string name, string actual)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Baselines", name + ".cs");
        if (Environment.GetEnvironmentVariable("RESILIENCE_UPDATE_BASELINES") == "1")
        {
            string sourcePath = Path.Combine(ProjectDirectory(), "Baselines", name + ".cs");
            Directory.CreateDirectory(Path.GetDirectoryName(sourcePath)!);
            File.WriteAllText(sourcePath, actual);
            return;
        }

        Xunit.Assert.True(File.Exists(path), $"No baseline {name}.cs; run the tests with RESILIENCE_UPDATE_BASELINES=1 and review it.");
        Xunit.Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Resilience.Generator.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the test project directory.");
    }
}
