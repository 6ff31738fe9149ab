using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Generators;

namespace Resilience.Generator.Tests;

/// <summary>An edit that does not touch annotated code re-emits nothing; pipeline models hold no symbols or syntax.</summary>
public class IncrementalityTests
{
    private const string Annotated = """
        using System.Threading;
        using System.Threading.Tasks;
        using Resilience;
        namespace Demo;
        public partial class Agent
        {
            [Retry(MaxRetries = 2)]
            [Timeout(1000)]
            public partial Task<int> RunAsync(CancellationToken ct);
            private Task<int> RunAsyncCore(CancellationToken ct) => Task.FromResult(1);

            public int Unannotated() => 10;
        }
        """;

    private const string Unrelated = """
        namespace Demo;
        public class Other
        {
            public int Value() => 1;
        }
        """;

    [Fact]
    public void Unrelated_edit_leaves_every_step_cached()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(compilation =>
        {
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Source1.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Unrelated.Replace("=> 1", "=> 2"), GeneratorHarness.ParseOptions(), "Source1.cs"));
        });

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Implementation_body_edit_reruns_the_transform_but_outputs_stay_unchanged()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(compilation =>
        {
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Annotated.Replace("Task.FromResult(1)", "Task.FromResult(2)"), GeneratorHarness.ParseOptions(), "Source0.cs"));
        });

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Unrelated_method_body_edit_in_the_annotated_file_leaves_outputs_unchanged()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(compilation =>
        {
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Annotated.Replace("=> 10;", "=> 11;"), GeneratorHarness.ParseOptions(), "Source0.cs"));
        });

        AssertAllOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Attribute_argument_edit_regenerates_the_method()
    {
        (GeneratorDriverRunResult second, _) = RunTwice(compilation =>
        {
            SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Source0.cs");
            return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(Annotated.Replace("MaxRetries = 2", "MaxRetries = 5"), GeneratorHarness.ParseOptions(), "Source0.cs"));
        });

        var outputs = second.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("MaxRetries = 5", second.Results.Single().GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Pipeline_models_hold_no_symbols_syntax_or_compilation()
    {
        (GeneratorDriverRunResult run, _) = RunTwice(c => c);

        IEnumerable<object> values = run.Results.Single().TrackedSteps
            .Where(s => s.Key is TrackingNames.Methods)
            .SelectMany(s => s.Value)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value);

        foreach (object value in values)
        {
            AssertNoForbiddenTypes(value, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static (GeneratorDriverRunResult Second, GeneratorDriver Driver) RunTwice(Func<Compilation, Compilation> edit)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Annotated, LanguageVersion.Latest, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Single(driver.GetRunResult().GeneratedTrees);

        driver = driver.RunGenerators(edit(compilation.Clone()));
        return (driver.GetRunResult(), driver);
    }

    private static void AssertAllOutputs(GeneratorDriverRunResult run, params IncrementalStepRunReason[] allowed)
    {
        GeneratorRunResult result = run.Results.Single();
        var steps = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(steps);
        Assert.All(steps, o => Assert.Contains(o.Reason, allowed));
    }

    internal static void AssertNoForbiddenTypes(object? value, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or SemanticModel or Location, $"{value.GetType()} in a pipeline model");
        if (value is System.Collections.IEnumerable items)
        {
            foreach (object? item in items) AssertNoForbiddenTypes(item, seen);
        }

        foreach (var field in value.GetType().GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
        {
            AssertNoForbiddenTypes(field.GetValue(value), seen);
        }
    }
}
