using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Resilience.Analyzers;

// Usage: AnalyzerCost <directory with *.cs> [runs]
// Compiles the files, binds everything once (GetDiagnostics), then runs only the RES analyzers `runs` times on fresh
// copies of the compilation and prints wall-clock time, process CPU time and Roslyn's per-analyzer execution time.
var directory = args[0];
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;
var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var trees = Directory.EnumerateFiles(directory, "*.cs")
    .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
    .ToList();
trees.Add(CSharpSyntaxTree.ParseText(
    "global using System; global using System.Collections.Generic; global using System.Threading; global using System.Threading.Tasks;",
    parseOptions,
    "GlobalUsings.cs"));
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .Append(MetadataReference.CreateFromFile(typeof(Resilience.RetryAttribute).Assembly.Location))
    .ToList();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

var baselines = new List<double>();
var totals = new List<double>();
for (var run = 1; run <= runs; run++)
{
    // Baseline: the same analysis driver (which re-binds the compilation) with an analyzer that does nothing.
    var baseline = CSharpCompilation.Create("Synthetic", trees, references, options).WithAnalyzers(
        ImmutableArray.Create<DiagnosticAnalyzer>(new NothingAnalyzer()),
        new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
    var baselineCpu = Process.GetCurrentProcess().TotalProcessorTime;
    await baseline.GetAnalyzerDiagnosticsAsync();
    var baselineUsed = (Process.GetCurrentProcess().TotalProcessorTime - baselineCpu).TotalMilliseconds;

    var compilation = CSharpCompilation.Create("Synthetic", trees, references, options);
    var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    if (errors.Count > 0)
    {
        Console.WriteLine($"{errors.Count} compile errors, first: {errors[0]}");
        return 1;
    }

    var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new IdempotencyHazardAnalyzer()); // usage rules RES0xxx are the generator's now
    var withAnalyzers = compilation.WithAnalyzers(
        analyzers,
        new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    clock.Stop();
    var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var telemetry = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
    var perAnalyzer = string.Join(", ", telemetry.AnalyzerTelemetryInfo.Select(t => $"{t.Key.GetType().Name} {t.Value.ExecutionTime.TotalMilliseconds:F0} ms"));
    var counts = string.Join(", ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
    Console.WriteLine(
        $"run {run}: CPU {cpuUsed.TotalMilliseconds:F0} ms with the RES analyzers, {baselineUsed:F0} ms with a no-op analyzer "
        + $"(difference {cpuUsed.TotalMilliseconds - baselineUsed:F0} ms, wall {clock.ElapsedMilliseconds} ms); {perAnalyzer}; {counts}");
    baselines.Add(baselineUsed);
    totals.Add(cpuUsed.TotalMilliseconds);
}

// Later runs are JIT-warm; report the median of the differences.
var differences = totals.Zip(baselines, (t, b) => t - b).OrderBy(d => d).ToList();
Console.WriteLine($"median CPU cost of the RES analyzers: {differences[differences.Count / 2]:F0} ms");
return 0;

/// <summary>Registers an action that does nothing, so the driver runs as it does for a real analyzer.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class NothingAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("NOOP001", "No-op", "No-op", "Test", DiagnosticSeverity.Hidden, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(_ => { }, SymbolKind.Method);
    }
}
