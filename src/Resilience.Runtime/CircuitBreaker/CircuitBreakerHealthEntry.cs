using System;

namespace Resilience
{
    /// <summary>One breaker in a <see cref="CircuitBreakerHealthReport"/>.</summary>
    public sealed class CircuitBreakerHealthEntry
    {
        internal CircuitBreakerHealthEntry(CircuitBreakerStatistics statistics, TimeSpan retryAfter)
        {
            Statistics = statistics;
            RetryAfter = retryAfter;
            Status = StatusOf(statistics.State);
        }

        /// <summary>The breaker's name.</summary>
        public string Name => Statistics.Name;

        /// <summary>The breaker's state.</summary>
        public CircuitBreakerState State => Statistics.State;

        /// <summary>Closed = Healthy; Open, HalfOpen = Degraded; Isolated = Unhealthy.</summary>
        public ResilienceHealthStatus Status { get; }

        /// <summary>Time until an open breaker lets a trial through (zero unless open; infinite when isolated).</summary>
        public TimeSpan RetryAfter { get; }

        /// <summary>The breaker's counters and last transition.</summary>
        public CircuitBreakerStatistics Statistics { get; }

        /// <summary>The health status a breaker in <paramref name="state"/> reports.</summary>
        public static ResilienceHealthStatus StatusOf(CircuitBreakerState state) => state switch
        {
            CircuitBreakerState.Closed => ResilienceHealthStatus.Healthy,
            CircuitBreakerState.Isolated => ResilienceHealthStatus.Unhealthy,
            _ => ResilienceHealthStatus.Degraded,
        };
    }
}
