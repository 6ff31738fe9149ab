namespace Resilience.Benchmarks.Infrastructure;

/// <summary>The backoff a careful developer writes by hand: exponential growth with full jitter.</summary>
internal static class HandWrittenBackoff
{
    public static TimeSpan FullJitter(int baseDelayMs, int retry) =>
        baseDelayMs == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * baseDelayMs * Math.Pow(2, retry));
}
