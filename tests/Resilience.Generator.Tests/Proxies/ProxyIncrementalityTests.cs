using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Generators;

namespace Resilience.Generator.Tests.Proxies;

/// <summary>A proxy's pipeline is cached across edits that do not touch it, and its models hold no symbols or syntax.</summary>
public class ProxyIncrementalityTests
{
    private const string Proxy = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Resilience;
        namespace Demo;
        public interface IInventoryApi
        {
            [Retry(MaxRetries = 2)]
            Task<int> GetStockAsync(string sku, CancellationToken ct = default);
            int Version { get; }
            event EventHandler? Changed;
        }

        [ResilientProxy(typeof(IInventoryApi))]
        [CircuitBreaker(Name = "inventory")]
        public partial class ResilientInventoryApi
        {
            public int Unrelated() => 1;
        }
        """;

    private const string Other = """
        namespace Demo;
        public class Other
        {
            public int Value() => 1;
        }
        """;

    [Fact]
    public void Unrelated_file_edit_leaves_the_proxy_cached()
    {
        GeneratorDriverRunResult second = RunTwice("Source1.cs", Other.Replace("=> 1", "=> 2"));

        AssertProxyOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Body_edit_in_the_proxy_file_reruns_the_transform_but_outputs_stay_unchanged()
    {
        GeneratorDriverRunResult second = RunTwice("Source0.cs", Proxy.Replace("Unrelated() => 1", "Unrelated() => 2"));

        AssertProxyOutputs(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Changing_an_interface_members_policy_re_emits_the_proxy()
    {
        GeneratorDriverRunResult second = RunTwice("Source0.cs", Proxy.Replace("MaxRetries = 2", "MaxRetries = 5"));

        Assert.Contains(Outputs(second), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(second.Results.Single().GeneratedSources, s => s.SourceText.ToString().Contains("MaxRetries = 5"));
    }

    [Fact]
    public void Proxy_models_hold_no_symbols_syntax_or_compilation()
    {
        GeneratorDriverRunResult run = RunTwice("Source1.cs", Other);

        var values = run.Results.Single().TrackedSteps
            .Where(s => s.Key is TrackingNames.Proxies or TrackingNames.ClassMethods)
            .SelectMany(s => s.Value)
            .SelectMany(s => s.Outputs)
            .Select(o => o.Value)
            .ToList();
        Assert.NotEmpty(values);
        foreach (object value in values)
        {
            IncrementalityTests.AssertNoForbiddenTypes(value, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static GeneratorDriverRunResult RunTwice(string path, string replacement)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Proxy, LanguageVersion.Latest, Other);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);

        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        Compilation edited = compilation.Clone().ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(replacement, GeneratorHarness.ParseOptions(), path));
        return driver.RunGenerators(edited).GetRunResult();
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorDriverRunResult run) =>
        run.Results.Single().TrackedSteps
            .Where(s => s.Key is TrackingNames.ProxyOutput)
            .SelectMany(s => s.Value)
            .SelectMany(s => s.Outputs)
            .ToList();

    private static void AssertProxyOutputs(GeneratorDriverRunResult run, params IncrementalStepRunReason[] allowed)
    {
        List<(object Value, IncrementalStepRunReason Reason)> outputs = Outputs(run);
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
