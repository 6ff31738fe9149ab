namespace Resilience
{
    /// <summary>The kinds of policy that configuration can override and that the global switch can turn off.</summary>
    public enum PolicyKind
    {
        /// <summary><see cref="RetryAttribute"/>; configuration section <c>Retry</c>.</summary>
        Retry = 0,

        /// <summary><see cref="CircuitBreakerAttribute"/>; configuration section <c>CircuitBreaker</c>.</summary>
        CircuitBreaker = 1,

        /// <summary><see cref="TimeoutAttribute"/>; configuration section <c>Timeout</c>.</summary>
        Timeout = 2,

        /// <summary><see cref="BulkheadAttribute"/>; configuration section <c>Bulkhead</c>.</summary>
        Bulkhead = 3,

        /// <summary><see cref="FallbackAttribute"/>; configuration section <c>Fallback</c>.</summary>
        Fallback = 4,
    }
}
