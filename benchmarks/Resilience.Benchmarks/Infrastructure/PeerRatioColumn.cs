using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Resilience.Benchmarks.Infrastructure;

/// <summary>
/// Compares a benchmark with a sibling variant of the same scenario and shape (same class, same category, same job):
/// either the ratio of means (<c>this / peer</c>) or the ratio of overheads over the direct call
/// (<c>(this − direct) / (peer − direct)</c>), which is how the "one tenth of Polly's overhead" target is read.
/// </summary>
internal sealed class PeerRatioColumn : IColumn
{
    private readonly string _peer;
    private readonly bool _overhead;

    private PeerRatioColumn(string id, string columnName, string peer, bool overhead, string legend)
    {
        Id = id;
        ColumnName = columnName;
        _peer = peer;
        _overhead = overhead;
        Legend = legend;
    }

    public static IColumn VersusPolly { get; } = new PeerRatioColumn(
        "VsPolly", "vs Polly", Variant.Polly, overhead: false, "Mean divided by the Polly variant's mean (same scenario and shape)");

    public static IColumn VersusHandWritten { get; } = new PeerRatioColumn(
        "VsHand", "vs Hand", Variant.HandWritten, overhead: false, "Mean divided by the hand-written variant's mean (same scenario and shape)");

    public static IColumn OverheadNanoseconds { get; } = new PeerRatioColumn(
        "Overhead", "Overhead", Variant.Direct, overhead: false,
        "Mean - Direct, in ns: the time a variant adds to the direct call of the implementation");

    public static IColumn OverheadVersusPolly { get; } = new PeerRatioColumn(
        "OverheadVsPolly", "Overhead/Polly's", Variant.Polly, overhead: true,
        "(Mean - Direct) / (Polly - Direct): the share of Polly's overhead over the direct call that this variant adds");

    public string Id { get; }

    public string ColumnName { get; }

    public string Legend { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? mean = Mean(summary, benchmarkCase);
        double? peer = Mean(summary, Sibling(summary, benchmarkCase, _peer));
        if (mean is null || peer is null || (peer.Value <= 0 && !ReferenceEquals(this, OverheadNanoseconds)))
        {
            return "?";
        }

        if (ReferenceEquals(this, OverheadNanoseconds))
        {
            return (mean.Value - peer.Value).ToString("0.0 ns", CultureInfo.InvariantCulture);
        }

        if (!_overhead)
        {
            return (mean.Value / peer.Value).ToString("0.00", CultureInfo.InvariantCulture);
        }

        double? direct = Mean(summary, Sibling(summary, benchmarkCase, Variant.Direct));
        if (direct is null || peer.Value - direct.Value <= 0)
        {
            return "?";
        }

        return ((mean.Value - direct.Value) / (peer.Value - direct.Value)).ToString("0.00", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;

    private static double? Mean(Summary summary, BenchmarkCase? benchmarkCase) =>
        benchmarkCase is null ? null : summary[benchmarkCase]?.ResultStatistics?.Mean;

    private static BenchmarkCase? Sibling(Summary summary, BenchmarkCase benchmarkCase, string variant) =>
        summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.Type == benchmarkCase.Descriptor.Type
            && other.Job == benchmarkCase.Job
            && other.Descriptor.Categories.SequenceEqual(benchmarkCase.Descriptor.Categories)
            && Variant.Of(other.Descriptor.WorkloadMethod.Name) == variant);
}
