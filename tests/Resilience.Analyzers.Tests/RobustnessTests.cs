using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// Analyzers must never throw on half-typed code: every C# source used by the analyzer and code-fix tests is cut at
/// many positions (and has random middle parts removed), and all analyzers run over each version.
/// </summary>
public class RobustnessTests
{
    [Fact]
    public async Task NoAnalyzerException_OnTruncatedAndDamagedTestSources()
    {
        var sources = TestSources();
        Assert.True(sources.Count >= 30, $"expected the test sources to be found, found {sources.Count}");

        var variants = new List<string>();
        var random = new Random(20261123);
        foreach (var source in sources)
        {
            const int Cuts = 16;
            for (var i = 1; i <= Cuts; i++)
            {
                variants.Add(source[..(source.Length * i / (Cuts + 1))]);
            }

            for (var i = 0; i < 6; i++)
            {
                var start = random.Next(source.Length);
                var length = random.Next(1, Math.Min(40, source.Length - start) + 1);
                variants.Add(source.Remove(start, length));
            }
        }

        var failures = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (variant, _) =>
        {
            var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(variant));
            foreach (var exception in exceptions)
            {
                failures.Enqueue(exception + "\n--- source ---\n" + variant);
            }

            foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
            {
                failures.Enqueue(diagnostic + "\n--- source ---\n" + variant);
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} analyzer failure(s) over {variants.Count} variants; first:\n{failures.FirstOrDefault()}");
    }

    /// <summary>Every raw string literal that looks like a test program, from the test projects' .cs files.</summary>
    private static List<string> TestSources([CallerFilePath] string thisFile = "")
    {
        var testsDirectory = Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!;
        var result = new List<string>();
        foreach (var project in new[] { "Resilience.Analyzers.Tests", "Resilience.Analyzers.CodeFixes.Tests" })
        {
            var directory = Path.Combine(testsDirectory, project);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
                foreach (var token in root.DescendantTokens())
                {
                    string? text = token.Kind() switch
                    {
                        SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken => token.ValueText,
                        SyntaxKind.InterpolatedStringTextToken => token.ValueText,
                        _ => null,
                    };
                    if (text is not null && text.Contains("partial", StringComparison.Ordinal))
                    {
                        result.Add(AnalyzerHarness.Prelude + Markup.Strip(text));
                    }
                }
            }
        }

        return result;
    }
}
