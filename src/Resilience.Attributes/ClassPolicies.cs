using System;

namespace Resilience
{
    /// <summary>The policy kinds that can be declared on a class, as flags for <see cref="NoClassPoliciesAttribute"/>.</summary>
    [Flags]
    public enum ClassPolicies
    {
        /// <summary>No policy kind.</summary>
        None = 0,

        /// <summary><see cref="RetryAttribute"/>.</summary>
        Retry = 1,

        /// <summary><see cref="CircuitBreakerAttribute"/>.</summary>
        CircuitBreaker = 2,

        /// <summary><see cref="TimeoutAttribute"/>.</summary>
        Timeout = 4,

        /// <summary><see cref="BulkheadAttribute"/>.</summary>
        Bulkhead = 8,

        /// <summary>Every policy kind that can be declared on a class.</summary>
        All = Retry | CircuitBreaker | Timeout | Bulkhead,
    }
}
