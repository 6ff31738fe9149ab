namespace Resilience
{
    /// <summary>What a <see cref="TimeoutAttribute"/> bounds.</summary>
    public enum TimeoutScope
    {
        /// <summary>
        /// Each attempt (the default): inside <see cref="RetryAttribute"/> and <see cref="CircuitBreakerAttribute"/>, so every
        /// retry gets a fresh timeout.
        /// </summary>
        Attempt = 0,

        /// <summary>
        /// The whole call: outside <see cref="RetryAttribute"/>, so every attempt and every delay between attempts count against it.
        /// </summary>
        Overall = 1,
    }
}
