using System;
using System.Collections.Generic;

namespace Resilience
{
    /// <summary>
    /// The health of every breaker in a <see cref="CircuitBreakerRegistry"/>, for a health endpoint. <see cref="Status"/> is the
    /// worst of the entries: Healthy when all breakers are closed (or there are none), Degraded when any is open or half-open,
    /// Unhealthy when any is isolated.
    /// </summary>
    public sealed class CircuitBreakerHealthReport
    {
        internal CircuitBreakerHealthReport(DateTimeOffset time, IReadOnlyList<CircuitBreakerHealthEntry> entries)
        {
            Time = time;
            Entries = entries;
            ResilienceHealthStatus status = ResilienceHealthStatus.Healthy;
            foreach (CircuitBreakerHealthEntry entry in entries)
            {
                if (entry.Status > status)
                {
                    status = entry.Status;
                }
            }

            Status = status;
        }

        /// <summary>The overall status: the worst entry's.</summary>
        public ResilienceHealthStatus Status { get; }

        /// <summary>When the snapshot was taken, on <see cref="ResilienceRuntime.TimeProvider"/>.</summary>
        public DateTimeOffset Time { get; }

        /// <summary>One entry per breaker, ordered by name (ordinal).</summary>
        public IReadOnlyList<CircuitBreakerHealthEntry> Entries { get; }
    }
}
