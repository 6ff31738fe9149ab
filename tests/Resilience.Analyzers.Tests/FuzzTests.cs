using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Analyzers.Tests.Infrastructure;
using Resilience.Generators;
using Xunit.Abstractions;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// The generator and the analyzers on half-typed and damaged code (issue #12): the samples' source files and the generator
/// tests' inputs (TestClasses/*.cs and every C# program in a raw string of the generator tests), truncated at many
/// positions and mutated (a span removed, duplicated or moved, a token inserted), with a fixed seed. For every variant the
/// generator must not throw (no exception in the driver's run result, no CS8784/CS8785) and no analyzer may throw
/// (no AD0001). <see cref="RobustnessTests"/> does the analyzers alone on the analyzer tests' own sources.
/// </summary>
[Collection(nameof(FuzzTests))]
public class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261202;
    private const int TruncationsPerSource = 16;
    private const int MutationsPerSource = 24;

    // The machine running the tests may be shared and loaded: the variants are checked (by this class alone, see the
    // collection below) in a seeded shuffled order until this budget is spent — a prefix of the same list every run,
    // covering every source evenly. RESILIENCE_FUZZ_SECONDS changes it; 0 checks all 2,520 variants.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("RESILIENCE_FUZZ_SECONDS"), out int seconds) ? (seconds == 0 ? int.MaxValue / 1000 : seconds) : 50);

    private static readonly string[] Tokens =
    {
        "{", "}", "(", ")", "[", "]", ";", ",", "<", ">", "?", "\"", "'", "=>", "//", "/*", "*/", "#if X\n", "#endif\n", "@",
        "partial ", "static ", "async ", "ref ", "in ", "out ", "params ", "scoped ", "readonly ", "file ", "abstract ",
        "record ", "struct ", "interface ", "class ", "void ", "object ", "dynamic ", "Task<", "ValueTask<", "where T : ",
        "[Retry]", "[Idempotent]", "[Idempotent(Key = \"{", "[Checkpoint]", "[CheckpointState]", "[WorkflowId]", "[Timeout(",
        "[CircuitBreaker(", "[Fallback(nameof(", "[Bulkhead(", "[ResilientProxy(typeof(", "[JsonIgnore]", "Core", "default", "null!",
        "\uD800", "\u200B", "\0",
    };

    [Fact]
    public async Task NoGeneratorOrAnalyzerException_OnTruncatedAndMutatedSamplesAndGeneratorInputs()
    {
        List<string> sources = Sources();
        Assert.True(sources.Count >= 60, $"expected the samples and generator test inputs to be found, found {sources.Count}");

        // The untouched sources first: none of them may make the generator report a data-contract error.
        foreach (string source in sources)
        {
            var (diagnostics, _) = RunGenerator(source);
            Assert.DoesNotContain(diagnostics, d => d.Id is "RES0046" or "RES0047" or "RES0048" or "RES0049" or "RES0054");
        }

        List<string> variants = Variants(sources);
        var failures = new ConcurrentQueue<string>();
        var stopwatch = Stopwatch.StartNew();
        int checkedCount = 0;
        await Parallel.ForEachAsync(variants, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (variant, _) =>
        {
            if (stopwatch.Elapsed > Budget)
            {
                return;
            }

            Interlocked.Increment(ref checkedCount);
            try
            {
                var (generatorDiagnostics, compilation) = RunGenerator(variant, failures);
                foreach (Diagnostic diagnostic in generatorDiagnostics.Where(d => d.Id is "CS8784" or "CS8785"))
                {
                    failures.Enqueue(diagnostic + "\n--- source ---\n" + variant);
                }

                var (diagnostics, exceptions) = await AnalyzerHarness.RunAsync(compilation);
                foreach (Exception exception in exceptions)
                {
                    failures.Enqueue(exception + "\n--- source ---\n" + variant);
                }

                foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
                {
                    failures.Enqueue(diagnostic + "\n--- source ---\n" + variant);
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex + "\n--- source ---\n" + variant);
            }
        });

        output.WriteLine($"{checkedCount} of {variants.Count} variants of {sources.Count} sources checked in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Assert.True(variants.Count >= 2000, $"only {variants.Count} variants");
        Assert.True(checkedCount >= Math.Min(variants.Count, 100), $"only {checkedCount} variants checked within {Budget}");
        Assert.True(failures.IsEmpty, $"{failures.Count} failure(s) over {checkedCount} variants; first:\n{failures.FirstOrDefault()}");
    }

    /// <summary>Truncations at evenly spaced positions, then random mutations; deterministic for a given source list.</summary>
    private static List<string> Variants(List<string> sources)
    {
        var random = new Random(Seed);
        var variants = new List<string>();
        foreach (string source in sources)
        {
            for (int i = 1; i <= TruncationsPerSource; i++)
            {
                // Evenly spaced, shifted by a random amount so that the cuts do not all land at the same kind of place.
                int at = Math.Clamp((source.Length * i / (TruncationsPerSource + 1)) + random.Next(-20, 21), 0, source.Length);
                variants.Add(source[..at]);
            }

            for (int i = 0; i < MutationsPerSource; i++)
            {
                variants.Add(Mutate(source, random));
            }
        }

        // Fisher–Yates with the same seed: a budget-limited run checks a prefix that spreads over all sources.
        for (int i = variants.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (variants[i], variants[j]) = (variants[j], variants[i]);
        }

        return variants;
    }

    private static string Mutate(string source, Random random)
    {
        int start = random.Next(source.Length);
        int length = random.Next(1, Math.Min(60, source.Length - start) + 1);
        switch (random.Next(5))
        {
            case 0:
                return source.Remove(start, length);
            case 1:
                return source.Insert(start, source.Substring(start, length));
            case 2:
                string moved = source.Substring(start, length);
                string without = source.Remove(start, length);
                return without.Insert(random.Next(without.Length + 1), moved);
            case 3:
                return source.Insert(start, Tokens[random.Next(Tokens.Length)]);
            default:
                // Two edits: a token in and a span out, which breaks code in ways one edit rarely does.
                string inserted = source.Insert(start, Tokens[random.Next(Tokens.Length)]);
                int removeAt = random.Next(inserted.Length);
                return inserted.Remove(removeAt, random.Next(1, Math.Min(30, inserted.Length - removeAt) + 1));
        }
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) RunGenerator(string source, ConcurrentQueue<string>? failures = null)
    {
        Compilation compilation = AnalyzerHarness.Compile(source);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new ResilienceGenerator().AsSourceGenerator() }, parseOptions: AnalyzerHarness.ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation updated, out ImmutableArray<Diagnostic> diagnostics);
        foreach (GeneratorRunResult result in driver.GetRunResult().Results.Where(r => r.Exception is not null))
        {
            if (failures is null)
            {
                throw new InvalidOperationException("The generator threw on an untouched source", result.Exception);
            }

            failures.Enqueue(result.Exception + "\n--- source ---\n" + source);
        }

        return (diagnostics, updated);
    }

    /// <summary>
    /// samples/*/**.cs (not the committed Generated/ output), the generator tests' TestClasses, and every raw string
    /// program in the generator tests (baseline, shape and proxy cases).
    /// </summary>
    private static List<string> Sources([CallerFilePath] string thisFile = "")
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));
        var result = new List<string>();
        foreach (string file in Files(Path.Combine(root, "samples")).Concat(Files(Path.Combine(root, "tests", "Resilience.Generator.Tests", "TestClasses"))))
        {
            result.Add(AnalyzerHarness.Prelude + File.ReadAllText(file));
        }

        foreach (string file in Files(Path.Combine(root, "tests", "Resilience.Generator.Tests")).Where(f => !f.Contains("TestClasses", StringComparison.Ordinal)))
        {
            SyntaxNode tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            foreach (SyntaxToken token in tree.DescendantTokens())
            {
                if (token.Kind() is SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken && token.ValueText.Contains("partial", StringComparison.Ordinal))
                {
                    result.Add(AnalyzerHarness.Prelude + token.ValueText);
                }
            }
        }

        return result;
    }

    private static IEnumerable<string> Files(string directory)
    {
        string separator = Path.DirectorySeparatorChar.ToString();
        return Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(separator + "obj" + separator, StringComparison.Ordinal)
                    && !f.Contains(separator + "bin" + separator, StringComparison.Ordinal)
                    && !f.Contains(separator + "Generated" + separator, StringComparison.Ordinal))
                .OrderBy(f => f, StringComparer.Ordinal)
            : Enumerable.Empty<string>();
    }
}

/// <summary>The fuzz test runs alone, not beside the other test classes, so that its time budget buys variants.</summary>
[CollectionDefinition(nameof(FuzzTests), DisableParallelization = true)]
public sealed class FuzzTestsCollection
{
}
