using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Resilience.Analyzers;

namespace Resilience.Analyzers.Tests.Infrastructure;

/// <summary>
/// A small stand-in for Microsoft.CodeAnalysis.Testing: compiles C# sources against the BCL and Resilience,
/// runs every RES analyzer, and compares the diagnostics with spans marked in the source.
/// </summary>
/// <remarks>
/// Markup: <c>{|RES0001:text|}</c> expects RES0001 exactly on <c>text</c>; <c>[|text|]</c> expects the test's default ID.
/// </remarks>
public static class AnalyzerHarness
{
    /// <summary>Usings every test source gets (like ImplicitUsings), so tests show only what matters.</summary>
    public const string Prelude =
        "using System; using System.Collections.Generic; using System.Net.Http; using System.Threading; using System.Threading.Tasks; using Resilience;\n";

    /// <summary>Compiler errors that are expected in tests because the source generator does not run here.</summary>
    public static readonly ImmutableHashSet<string> GeneratorSuppliedErrors = ImmutableHashSet.Create(
        "CS8795"); // partial method with accessibility modifiers needs an implementation part: the generator writes it.

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(RetryAttribute).Assembly.Location);
        paths.Add(typeof(ResilienceException).Assembly.Location);
        return paths.Distinct(StringComparer.OrdinalIgnoreCase).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new(
        OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        ImmutableArray.Create<DiagnosticAnalyzer>(new IdempotencyHazardAnalyzer());

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestProject",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Test{i}.cs")),
            References,
            CompilationOptions);

    /// <summary>Runs every analyzer; returns their diagnostics and any exception an analyzer threw.</summary>
    public static async Task<(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> Exceptions)> RunAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers(), options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (diagnostics, exceptions.ToList());
    }

    /// <summary>
    /// Asserts that exactly the marked RES diagnostics are reported (ID and span), that no analyzer threw, and — unless
    /// <paramref name="allowCompilerErrors"/> — that the source is otherwise valid C#.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(string markup, string? defaultId = null, bool allowCompilerErrors = false)
    {
        var (source, expected) = Markup.Parse(Prelude + markup, defaultId);
        var compilation = Compile(source);
        if (!allowCompilerErrors)
        {
            AssertNoCompilerErrors(compilation);
        }

        var (diagnostics, exceptions) = await RunAsync(compilation);
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");

        var actual = diagnostics
            .Where(d => d.Id.StartsWith("RES", StringComparison.Ordinal))
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan))
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var wanted = expected.OrderBy(d => d.Span.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        if (!wanted.SequenceEqual(actual))
        {
            Assert.Fail(
                "Expected:\n" + Describe(wanted, source) + "\nActual:\n" + Describe(actual, source) + "\nMessages:\n"
                + string.Join("\n", diagnostics.Select(d => d.ToString())));
        }

        return diagnostics.Where(d => d.Id.StartsWith("RES", StringComparison.Ordinal)).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    public static void AssertNoCompilerErrors(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !GeneratorSuppliedErrors.Contains(d.Id))
            .ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
    }

    private static string Describe(IEnumerable<ExpectedDiagnostic> diagnostics, string source) =>
        string.Join("\n", diagnostics.Select(d => $"  {d.Id} {d.Span} '{source.Substring(d.Span.Start, d.Span.Length)}'"));
}

/// <summary>An expected or actual diagnostic: ID and span.</summary>
public readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>Parses <c>{|ID:text|}</c> and <c>[|text|]</c> span markup (nesting allowed).</summary>
public static class Markup
{
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string markup, string? defaultId = null)
    {
        var output = new System.Text.StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        var i = 0;
        while (i < markup.Length)
        {
            if (Starts(markup, i, "{|"))
            {
                var colon = markup.IndexOf(':', i + 2);
                open.Push((markup.Substring(i + 2, colon - i - 2), output.Length));
                i = colon + 1;
            }
            else if (Starts(markup, i, "[|"))
            {
                open.Push((defaultId ?? throw new InvalidOperationException("[|...|] needs a default diagnostic ID"), output.Length));
                i += 2;
            }
            else if ((Starts(markup, i, "|}") || Starts(markup, i, "|]")) && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, output.Length)));
                i += 2;
            }
            else
            {
                output.Append(markup[i]);
                i++;
            }
        }

        if (open.Count > 0)
        {
            throw new InvalidOperationException("Unclosed markup span");
        }

        return (output.ToString(), expected);
    }

    /// <summary>The source without markup.</summary>
    public static string Strip(string markup) => Parse(markup, "X").Source;

    private static bool Starts(string text, int index, string value) => string.CompareOrdinal(text, index, value, 0, value.Length) == 0;
}
