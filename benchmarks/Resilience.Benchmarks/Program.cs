using BenchmarkDotNet.Running;
using Resilience.Benchmarks.GeneratorCost;
using Resilience.Benchmarks.Infrastructure;

// dotnet run -c Release --project benchmarks/Resilience.Benchmarks -- --filter '*'            every runtime benchmark
// dotnet run -c Release --project benchmarks/Resilience.Benchmarks -- --filter '*Retry*' --job short
// dotnet run -c Release --project benchmarks/Resilience.Benchmarks -- generator-cost [methods]
if (args.Length > 0 && args[0] == "generator-cost")
{
    return GeneratorCostRunner.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
return 0;
