using System;

namespace Resilience
{
    /// <summary>A snapshot of a <see cref="CircuitBreaker"/>'s counters since it was created.</summary>
    public sealed class CircuitBreakerStatistics
    {
        internal CircuitBreakerStatistics(
            string name,
            CircuitBreakerState state,
            long calls,
            long successes,
            long failures,
            long ignored,
            long rejections,
            long transitions,
            DateTimeOffset? lastTransitionTime,
            CircuitBreakerTransitionReason? lastTransitionReason,
            long failuresInCurrentWindow = 0,
            DateTimeOffset? lastFailureTime = null)
        {
            Name = name;
            State = state;
            Calls = calls;
            Successes = successes;
            Failures = failures;
            Ignored = ignored;
            Rejections = rejections;
            Transitions = transitions;
            LastTransitionTime = lastTransitionTime;
            LastTransitionReason = lastTransitionReason;
            FailuresInCurrentWindow = failuresInCurrentWindow;
            LastFailureTime = lastFailureTime;
        }

        /// <summary>The breaker's name.</summary>
        public string Name { get; }

        /// <summary>The state when the snapshot was taken.</summary>
        public CircuitBreakerState State { get; }

        /// <summary>Calls let through (rejections not included).</summary>
        public long Calls { get; }

        /// <summary>Calls that succeeded.</summary>
        public long Successes { get; }

        /// <summary>Calls that failed with an exception the breaker handles.</summary>
        public long Failures { get; }

        /// <summary>Calls that ended with the caller's cancellation or an exception outside <c>HandleOn</c>/<c>IgnoreOn</c>.</summary>
        public long Ignored { get; }

        /// <summary>Calls rejected with <see cref="CircuitBreakerOpenException"/>.</summary>
        public long Rejections { get; }

        /// <summary>State changes so far.</summary>
        public long Transitions { get; }

        /// <summary>When the state last changed; <see langword="null"/> if it never did.</summary>
        public DateTimeOffset? LastTransitionTime { get; }

        /// <summary>Why the state last changed; <see langword="null"/> if it never did.</summary>
        public CircuitBreakerTransitionReason? LastTransitionReason { get; }

        /// <summary>
        /// <see cref="Successes"/> / (<see cref="Successes"/> + <see cref="Failures"/>): the share of calls that succeeded, 1 when
        /// nothing has been counted yet.
        /// </summary>
        public double SuccessRate => Successes + Failures == 0 ? 1.0 : (double)Successes / (Successes + Failures);

        /// <summary>
        /// The failures that count towards opening the breaker now: the consecutive failures, the failures inside the sampling
        /// window, or the failures in the ratio window, as the mode says; 0 unless closed.
        /// </summary>
        public long FailuresInCurrentWindow { get; }

        /// <summary>When a call last failed (a handled failure); <see langword="null"/> if none has.</summary>
        public DateTimeOffset? LastFailureTime { get; }
    }
}
