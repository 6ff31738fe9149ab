using System;

namespace Resilience
{
    /// <summary>Describes one state change of a <see cref="CircuitBreaker"/>.</summary>
    public sealed class CircuitBreakerStateChangedEventArgs : EventArgs
    {
        /// <summary>Creates the description.</summary>
        public CircuitBreakerStateChangedEventArgs(
            string breakerName,
            CircuitBreakerState oldState,
            CircuitBreakerState newState,
            CircuitBreakerTransitionReason reason,
            DateTimeOffset time,
            long sequence)
        {
            BreakerName = breakerName ?? throw new ArgumentNullException(nameof(breakerName));
            OldState = oldState;
            NewState = newState;
            Reason = reason;
            Time = time;
            Sequence = sequence;
        }

        /// <summary>The breaker's name.</summary>
        public string BreakerName { get; }

        /// <summary>The state before.</summary>
        public CircuitBreakerState OldState { get; }

        /// <summary>The state after.</summary>
        public CircuitBreakerState NewState { get; }

        /// <summary>Why it changed.</summary>
        public CircuitBreakerTransitionReason Reason { get; }

        /// <summary>When it changed, on <see cref="ResilienceRuntime.TimeProvider"/>.</summary>
        public DateTimeOffset Time { get; }

        /// <summary>The breaker's transition number, from 1 without gaps: orders events raised concurrently.</summary>
        public long Sequence { get; }
    }
}
