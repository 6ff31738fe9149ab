using System;
using System.ComponentModel;

namespace Resilience
{
    /// <summary>
    /// A call that <see cref="CircuitBreaker.TryEnter"/> turned away: already counted and reported like a thrown
    /// <see cref="CircuitBreakerOpenException"/>, but no exception exists until <see cref="CreateException"/> is called.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct CircuitBreakerRejection
    {
        internal CircuitBreakerRejection(string breakerName, CircuitBreakerState state, TimeSpan retryAfter)
        {
            BreakerName = breakerName;
            State = state;
            RetryAfter = retryAfter;
        }

        /// <summary>The breaker's name.</summary>
        public string BreakerName { get; }

        /// <summary>The state that rejected the call: open, isolated, or half-open with every trial slot taken.</summary>
        public CircuitBreakerState State { get; }

        /// <summary>Time until the breaker lets a trial call through, as <see cref="CircuitBreakerOpenException.RetryAfter"/> gives it.</summary>
        public TimeSpan RetryAfter { get; }

        /// <summary>
        /// The exception <see cref="CircuitBreaker.Enter"/> would have thrown for this rejection: a new instance on every call,
        /// not thrown yet (its stack trace is empty until someone throws it).
        /// </summary>
        public CircuitBreakerOpenException CreateException() => new(BreakerName, RetryAfter);
    }
}
