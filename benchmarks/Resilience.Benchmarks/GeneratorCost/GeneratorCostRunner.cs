using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Resilience.Generators;

namespace Resilience.Benchmarks.GeneratorCost;

/// <summary>
/// <c>generator-cost [methods]</c>: builds a compilation with 1,000 (or <c>methods</c>) annotated partial methods,
/// runs <see cref="ResilienceGenerator"/> on it with <see cref="CSharpGeneratorDriver"/> and prints the times in ms:
/// the first run (cold: includes JIT of the generator), the median of full runs with a fresh driver (warm), and
/// incremental runs of the same driver after an edit that touches no annotated code and after one attribute argument changed.
/// </summary>
internal static class GeneratorCostRunner
{
    private const int MethodsPerType = 10;
    private const int Runs = 10;

    public static int Run(string[] args)
    {
        int methods = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        CSharpParseOptions parseOptions = new(LanguageVersion.Latest);

        var stopwatch = Stopwatch.StartNew();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "GeneratorCost",
            Enumerable.Range(0, (methods + MethodsPerType - 1) / MethodsPerType)
                .Select(t => CSharpSyntaxTree.ParseText(TypeSource(t, Math.Min(MethodsPerType, methods - (t * MethodsPerType))), parseOptions, path: $"Agent{t}.cs")),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        double parseMs = stopwatch.Elapsed.TotalMilliseconds;

        // Cold: the first run in this process, JIT of the generator included.
        (GeneratorDriver driver, double coldMs) = Time(() => NewDriver(parseOptions).RunGenerators(compilation));
        GeneratorDriverRunResult result = driver.GetRunResult();
        int files = result.GeneratedTrees.Length;
        long chars = result.GeneratedTrees.Sum(t => (long)t.Length);

        // Warm: full generation with a fresh driver on a fresh compilation (as after a build restart), median of several runs.
        var full = new List<double>();
        for (int i = 0; i < Runs; i++)
        {
            full.Add(Time(() => NewDriver(parseOptions).RunGenerators(compilation.Clone())).Milliseconds);
        }

        // Incremental, as in the IDE: the same driver on the next compilation after an edit that touches no annotated code
        // (everything cached), and after one attribute argument changed (one file re-emitted).
        var unrelated = new List<double>();
        var attribute = new List<double>();
        SyntaxTree first = compilation.SyntaxTrees.First();
        for (int i = 0; i < Runs; i++)
        {
            CSharpCompilation next = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                $"namespace Bench {{ internal static class Unrelated {{ public static int Value => {i}; }} }}", parseOptions, path: "Unrelated.cs"));
            (driver, double ms) = Time(() => driver.RunGenerators(next));
            unrelated.Add(ms);

            SyntaxTree edited = first.WithChangedText(SourceText.From(first.ToString().Replace("MaxRetries = 3", $"MaxRetries = {4 + (i % 2)}"), Encoding.UTF8));
            (driver, ms) = Time(() => driver.RunGenerators(next.ReplaceSyntaxTree(first, edited)));
            attribute.Add(ms);
        }

        // The generated code must compile: a generator that emits broken code is not fast, it is wrong.
        NewDriver(parseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        int errors = generatorDiagnostics.Concat(output.GetDiagnostics()).Count(d => d.Severity == DiagnosticSeverity.Error);

        Console.WriteLine(FormattableString.Invariant($"Generator cost for {methods} annotated partial methods in {compilation.SyntaxTrees.Count()} files ({Environment.ProcessorCount} cores, .NET {Environment.Version}), ms:"));
        Console.WriteLine(FormattableString.Invariant($"  parse the input                                     {parseMs,8:0.0}"));
        Console.WriteLine(FormattableString.Invariant($"  first run in the process (cold, JIT included)       {coldMs,8:0.0}"));
        Console.WriteLine(FormattableString.Invariant($"  full run, fresh driver and compilation              {Stats(full, methods)}"));
        Console.WriteLine(FormattableString.Invariant($"  incremental, unrelated file edited                  {Stats(unrelated, methods)}"));
        Console.WriteLine(FormattableString.Invariant($"  incremental, one attribute argument changed         {Stats(attribute, methods)}"));
        Console.WriteLine(FormattableString.Invariant($"  output: {files} files, {chars / 1024.0:0} KiB; compile errors in the output: {errors}"));
        return errors == 0 && files == methods ? 0 : 1;
    }

    private static string Stats(List<double> runs, int methods)
    {
        runs.Sort();
        double median = runs[runs.Count / 2];
        return FormattableString.Invariant($"{median,8:0.0} median of {runs.Count} (min {runs[0]:0.0}, max {runs[^1]:0.0}; {median * 1000 / methods:0.0} µs per method)");
    }

    private static GeneratorDriver NewDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(new[] { new ResilienceGenerator().AsSourceGenerator() }, parseOptions: parseOptions);

    private static (T Value, double Milliseconds) Time<T>(Func<T> work)
    {
        long start = Stopwatch.GetTimestamp();
        T value = work();
        return (value, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(RetryAttribute).Assembly.Location);
        paths.Add(typeof(RetryPolicy).Assembly.Location);
        return paths.Distinct().Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>One partial class with <paramref name="count"/> annotated methods that cycle through the supported shapes and policies.</summary>
    private static string TypeSource(int type, int count)
    {
        var source = new StringBuilder();
        source.AppendLine("using System; using System.Threading; using System.Threading.Tasks; using Resilience;");
        source.AppendLine(CultureInfo.InvariantCulture, $"namespace Bench.Agents{type % 10};");
        source.AppendLine(CultureInfo.InvariantCulture, $"public partial class Agent{type}");
        source.AppendLine("{");
        for (int i = 0; i < count; i++)
        {
            string m = "Call" + i.ToString(CultureInfo.InvariantCulture);
            switch (i % 5)
            {
                case 0:
                    source.AppendLine(CultureInfo.InvariantCulture, $"    [Retry(MaxRetries = 3, BaseDelayMs = 100)] public partial int {m}(int id);");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private int {m}Core(int id) => id;");
                    break;
                case 1:
                    source.AppendLine(CultureInfo.InvariantCulture, $"    [Retry(MaxRetries = 3, BaseDelayMs = 100, Jitter = Jitter.Equal, RetryOn = new[] {{ typeof(TimeoutException) }})] [Timeout(5000)] public partial Task<string> {m}Async(string key, CancellationToken ct = default);");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private Task<string> {m}AsyncCore(string key, CancellationToken ct) => Task.FromResult(key);");
                    break;
                case 2:
                    source.AppendLine(CultureInfo.InvariantCulture, $"    [Fallback(nameof({m}Cached))] public partial ValueTask<int> {m}Async(int id);");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private ValueTask<int> {m}AsyncCore(int id) => new(id);");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private ValueTask<int> {m}Cached(int id) => new(0);");
                    break;
                case 3:
                    source.AppendLine(CultureInfo.InvariantCulture, $"    [Retry(Backoff = Backoff.Linear, BaseDelayMs = 10, MaxDelayMs = 1000)] [Timeout(2000)] [Fallback(nameof({m}Cached))] public partial Task<int> {m}Async(int id, CancellationToken ct);");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private async Task<int> {m}AsyncCore(int id, CancellationToken ct) {{ await Task.Yield(); return id; }}");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private Task<int> {m}Cached(int id, CancellationToken ct) => Task.FromResult(0);");
                    break;
                default:
                    source.AppendLine(CultureInfo.InvariantCulture, $"    [Retry(MaxRetries = 5, BaseDelayMs = 0)] public static partial void {m}(string message);");
                    source.AppendLine(CultureInfo.InvariantCulture, $"    private static void {m}Core(string message) {{ }}");
                    break;
            }
        }

        source.AppendLine("}");
        return source.ToString();
    }
}
