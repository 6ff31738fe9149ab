namespace Resilience
{
    /// <summary>How the delay between retry attempts grows.</summary>
    public enum Backoff
    {
        /// <summary>Every delay is <c>BaseDelayMs</c>.</summary>
        Constant = 0,

        /// <summary>The n-th delay (1-based) is <c>BaseDelayMs * n</c>.</summary>
        Linear = 1,

        /// <summary>The n-th delay (1-based) is <c>BaseDelayMs * ExponentialBase^(n-1)</c>.</summary>
        Exponential = 2,
    }
}
