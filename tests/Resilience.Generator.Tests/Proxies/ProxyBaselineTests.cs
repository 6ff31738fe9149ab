using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Resilience.Generator.Tests.Proxies;

/// <summary>
/// The emitted proxies of <see cref="ProxyCases"/>, compared with Baselines/ (RESILIENCE_UPDATE_BASELINES=1 rewrites them),
/// compiled warning-free, and the usage errors the generator reports for bad input.
/// </summary>
public class ProxyBaselineTests
{
    public static TheoryData<string> ValidCases => new(ProxyCases.Valid.Keys);

    public static TheoryData<string> InvalidCases => new(ProxyCases.Invalid.Keys);

    public static TheoryData<string> RejectedCases => new(ProxyCases.Rejected.Keys);

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void Valid_proxies_match_baseline_and_compile_without_warnings(string name)
    {
        (string text, ImmutableArray<Diagnostic> generator, IEnumerable<Diagnostic> problems) = Run(ProxyCases.Valid[name]);

        Baseline.Assert(name, text);
        Assert.Empty(generator);
        Assert.True(!problems.Any(), string.Join(Environment.NewLine, problems));
        Assert.DoesNotContain("NotSupportedException", text);
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Unforwardable_members_get_a_RES_error_and_code_that_compiles(string name)
    {
        (string text, ImmutableArray<Diagnostic> generator, IEnumerable<Diagnostic> problems) = Run(ProxyCases.Invalid[name]);

        Assert.NotEmpty(generator);
        Assert.All(generator, d => Assert.StartsWith("RES004", d.Id));
        Assert.True(!problems.Any(p => p.Id.StartsWith("CS", StringComparison.Ordinal) && p.Id != "CS8795"), string.Join(Environment.NewLine, problems));
        Baseline.Assert(name, text + "// ==== diagnostics\n" + string.Concat(generator.OrderBy(d => d.Location.SourceSpan.Start).Select(d => "// " + d + "\n")));
    }

    [Theory]
    [InlineData("NotPartial", "RES0040", "'P' cannot be a resilient proxy: it is not partial")]
    [InlineData("NotAnInterface", "RES0041", "cannot proxy 'A': it is a class; a proxy implements an interface")]
    [InlineData("OpenGeneric", "RES0041", "it is an open generic type")]
    [InlineData("GenericProxy", "RES0040", "'P' is generic")]
    [InlineData("StaticAbstract", "RES0041", "its static abstract member 'IParse.Parse'")]
    [InlineData("UnknownType", "RES0041", "the type argument is not a type the compiler knows")]
    public void Unusable_proxies_report_why_and_emit_nothing(string name, string id, string message)
    {
        (string text, ImmutableArray<Diagnostic> generator, _) = Run(ProxyCases.Rejected[name]);

        Diagnostic diagnostic = Assert.Single(generator);
        Assert.Equal(id, diagnostic.Id);
        Assert.Contains(message, diagnostic.GetMessage());
        Assert.Equal(string.Empty, text);
    }

    internal static (string Text, ImmutableArray<Diagnostic> Generator, IEnumerable<Diagnostic> Problems) Run(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(source);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        var text = new StringBuilder();
        foreach (GeneratedSourceResult generated in run.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal))
        {
            text.Append("// ==== ").Append(generated.HintName).Append('\n').Append(generated.SourceText.ToString());
        }

        return (text.ToString(), diagnostics, output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }
}
