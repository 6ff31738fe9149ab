namespace Resilience
{
    /// <summary>The state of a <see cref="CircuitBreaker"/>.</summary>
    public enum CircuitBreakerState
    {
        /// <summary>Calls run; outcomes are counted.</summary>
        Closed = 0,

        /// <summary>Calls are rejected with <see cref="CircuitBreakerOpenException"/> until the break duration has passed.</summary>
        Open = 1,

        /// <summary>Up to <c>HalfOpenSuccesses</c> trial calls run at once; further calls are rejected.</summary>
        HalfOpen = 2,

        /// <summary>Opened by hand with <see cref="CircuitBreaker.Isolate"/>: calls are rejected until <see cref="CircuitBreaker.Reset"/>.</summary>
        Isolated = 3,
    }
}
