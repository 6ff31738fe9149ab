namespace Resilience.Benchmarks.Infrastructure;

/// <summary>
/// The four ways every scenario is measured. A benchmark method is named <c>{Shape}_{Variant}</c>
/// (for example <c>Sync_Generated</c>) and carries its shape as its only category, so the variants of one shape
/// form one group with <see cref="Direct"/> as its baseline.
/// </summary>
internal static class Variant
{
    /// <summary>The implementation (<c>{Name}Core</c>) called directly: the physical floor.</summary>
    public const string Direct = "Direct";

    /// <summary>The partial method whose body the source generator wrote.</summary>
    public const string Generated = "Generated";

    /// <summary>What a careful developer writes by hand for the same behaviour.</summary>
    public const string HandWritten = "HandWritten";

    /// <summary>A Polly v8 pipeline built once with matching options.</summary>
    public const string Polly = "Polly";

    public static string Of(string methodName)
    {
        int separator = methodName.LastIndexOf('_');
        return separator < 0 ? methodName : methodName.Substring(separator + 1);
    }
}

/// <summary>The return-type shapes every scenario is measured for (the benchmark category).</summary>
internal static class Shape
{
    /// <summary>A synchronous method returning <c>int</c>.</summary>
    public const string Sync = "Sync";

    /// <summary>A <c>ValueTask&lt;int&gt;</c> method that completes synchronously.</summary>
    public const string ValueTask = "ValueTask";

    /// <summary>A <c>Task&lt;int&gt;</c> method that completes asynchronously (<c>await Task.Yield()</c>).</summary>
    public const string Task = "TaskAsync";
}
