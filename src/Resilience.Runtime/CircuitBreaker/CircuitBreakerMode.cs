namespace Resilience
{
    /// <summary>How a closed <see cref="CircuitBreaker"/> decides to open, derived from its <see cref="CircuitBreakerOptions"/>.</summary>
    public enum CircuitBreakerMode
    {
        /// <summary><c>FailureRatio</c> = 0 and <c>SamplingDurationMs</c> = 0: opens after <c>FailureThreshold</c> failures in a row.</summary>
        ConsecutiveFailures = 0,

        /// <summary><c>FailureRatio</c> = 0 and <c>SamplingDurationMs</c> &gt; 0: opens after <c>FailureThreshold</c> failures within the last <c>SamplingDurationMs</c>.</summary>
        FailuresInWindow = 1,

        /// <summary>
        /// <c>FailureRatio</c> &gt; 0: opens when, within the sampling window, at least <c>MinimumThroughput</c> calls ended and
        /// the share of failures among them reached <c>FailureRatio</c>.
        /// </summary>
        FailureRatio = 2,

        /// <summary>
        /// <c>FailureRatio</c> &gt; 0 and <c>SamplingCalls</c> &gt; 0: opens when, among the last <c>SamplingCalls</c> calls (at least
        /// <c>min(MinimumThroughput, SamplingCalls)</c> of them), the share of failures reached <c>FailureRatio</c>.
        /// </summary>
        FailureRatioInCalls = 3,
    }
}
