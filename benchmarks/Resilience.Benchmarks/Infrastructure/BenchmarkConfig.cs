using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Order;

namespace Resilience.Benchmarks.Infrastructure;

/// <summary>The configuration every run uses: memory diagnoser, variants grouped by shape, and the peer-ratio columns.</summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .AddColumn(CategoriesColumn.Default)
            .AddColumn(PeerRatioColumn.OverheadNanoseconds, PeerRatioColumn.VersusPolly, PeerRatioColumn.VersusHandWritten, PeerRatioColumn.OverheadVersusPolly)
            .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary);
}
