using System;
using System.Collections.Generic;

namespace Resilience
{
    /// <summary>What <see cref="ResilienceHealthCheck"/> looks at and how it judges it.</summary>
    public sealed class ResilienceHealthCheckOptions
    {
        /// <summary>
        /// Names of breakers whose dependency the service cannot do without: such a breaker open, half-open or isolated makes
        /// the report Unhealthy instead of Degraded.
        /// </summary>
        public ISet<string> CriticalBreakers { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>
        /// How far back a bulkhead rejection or a degraded answer (last known good value or fallback) still counts as
        /// "recent" and makes the report Degraded (default 1 minute).
        /// </summary>
        public TimeSpan RecentWindow { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>Whether recent degraded answers (see <see cref="DegradationMonitor"/>) make the report Degraded (default true).</summary>
        public bool ReportDegradedAnswers { get; set; } = true;

        /// <summary>The breakers to report (default <see cref="CircuitBreakerRegistry.Default"/>).</summary>
        public CircuitBreakerRegistry Breakers { get; set; } = CircuitBreakerRegistry.Default;

        /// <summary>The bulkheads to report (default <see cref="BulkheadRegistry.Default"/>).</summary>
        public BulkheadRegistry Bulkheads { get; set; } = BulkheadRegistry.Default;

        /// <summary>The clock "recent" is measured on (default <see cref="ResilienceRuntime.TimeProvider"/>).</summary>
        public TimeProvider? TimeProvider { get; set; }
    }
}
