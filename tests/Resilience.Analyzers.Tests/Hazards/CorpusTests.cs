using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>
/// Recall and precision of the hazard rules on real retry code: each file under <c>Corpus/</c> is retry code from a
/// public repository (named in its header), rewritten into attribute form with the same statements and receivers,
/// with the hazards a reviewer expects marked inline (<c>{|RES1007:…|}</c>). Library types come from stubs.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_RecallAndPrecisionAreAtLeast95Percent()
    {
        var directory = CorpusDirectory();
        var stubs = File.ReadAllText(Path.Combine(directory, "_Stubs.cs"));
        var files = Directory.GetFiles(directory, "*.cs").Where(f => !Path.GetFileName(f).StartsWith('_')).OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 40, $"corpus has {files.Count} files");

        int truePositives = 0, falsePositives = 0, falseNegatives = 0, expectedTotal = 0, retriedMethods = 0;
        var misses = new List<string>();
        foreach (var file in files)
        {
            var (source, expected) = Markup.Parse(AnalyzerHarness.Prelude + File.ReadAllText(file));
            Assert.Contains("// Source: github.com/", source);
            retriedMethods += CountOccurrences(source, "[Retry");
            var compilation = AnalyzerHarness.Compile(source, stubs);
            AnalyzerHarness.AssertNoCompilerErrors(compilation);
            var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(compilation);
            Assert.Empty(exceptions);

            var actual = diagnostics
                .Where(d => d.Id.StartsWith("RES1", StringComparison.Ordinal) && d.Location.SourceTree?.FilePath == "Test0.cs")
                .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan))
                .ToHashSet();
            var wanted = expected.ToHashSet();
            expectedTotal += wanted.Count;
            truePositives += wanted.Count(actual.Contains);
            foreach (var miss in wanted.Where(w => !actual.Contains(w)))
            {
                falseNegatives++;
                misses.Add($"missed {miss.Id} '{source.Substring(miss.Span.Start, miss.Span.Length)}' in {Path.GetFileName(file)}");
            }

            foreach (var extra in actual.Where(a => !wanted.Contains(a)))
            {
                falsePositives++;
                misses.Add($"extra {extra.Id} '{source.Substring(extra.Span.Start, extra.Span.Length)}' in {Path.GetFileName(file)}");
            }
        }

        var recall = expectedTotal == 0 ? 1.0 : truePositives / (double)(truePositives + falseNegatives);
        var precision = truePositives + falsePositives == 0 ? 1.0 : truePositives / (double)(truePositives + falsePositives);
        output.WriteLine($"corpus: {files.Count} files, {retriedMethods} retried methods, {expectedTotal} marked hazards; TP {truePositives}, FP {falsePositives}, FN {falseNegatives}; recall {recall:P1}, precision {precision:P1}");
        foreach (var line in misses)
        {
            output.WriteLine(line);
        }

        Assert.True(recall >= 0.95 && precision >= 0.95, $"recall {recall:P1}, precision {precision:P1}:\n" + string.Join("\n", misses));
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string CorpusDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!, "Corpus");
}
