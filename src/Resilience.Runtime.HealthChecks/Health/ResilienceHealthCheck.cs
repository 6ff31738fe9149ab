using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Resilience
{
    /// <summary>
    /// An <see cref="IHealthCheck"/> over the process's breakers, bulkheads and degraded answers. Register it with
    /// <c>services.AddHealthChecks().AddResilienceHealthChecks()</c>.
    /// </summary>
    /// <remarks>
    /// <para>The seed documents' health levels map onto the three statuses:</para>
    /// <list type="table">
    /// <item><term>Healthy</term><description>every breaker closed, no bulkhead saturated or rejecting, no recent degraded answer.</description></item>
    /// <item><term>Degraded</term><description>a breaker open or half-open; a bulkhead with every slot taken, or that rejected a
    /// call within <see cref="ResilienceHealthCheckOptions.RecentWindow"/>; a last known good value or fallback answered within it.</description></item>
    /// <item><term>Unhealthy</term><description>(the seeds' unhealthy and critical) a breaker isolated by an operator, or a
    /// <see cref="ResilienceHealthCheckOptions.CriticalBreakers">critical</see> breaker not closed.</description></item>
    /// </list>
    /// <para>
    /// The report's data names every breaker (<c>breaker:&lt;name&gt;</c> → <see cref="CircuitBreakerStatistics"/>), bulkhead
    /// (<c>bulkhead:&lt;name&gt;</c> → <see cref="BulkheadStatistics"/>) and method with degraded answers
    /// (<c>degraded:&lt;name&gt;</c> → <see cref="DegradationStatistics"/>); the description lists what is wrong.
    /// </para>
    /// </remarks>
    public sealed class ResilienceHealthCheck : IHealthCheck
    {
        private readonly ResilienceHealthCheckOptions _options;

        /// <summary>Creates the check.</summary>
        public ResilienceHealthCheck(ResilienceHealthCheckOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.RecentWindow < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(options), options.RecentWindow, "Resilience health check: RecentWindow must not be negative.");
            }
        }

        /// <inheritdoc/>
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(Evaluate());

        /// <summary>Builds the report now.</summary>
        public HealthCheckResult Evaluate()
        {
            DateTimeOffset now = (_options.TimeProvider ?? ResilienceRuntime.TimeProvider).GetUtcNow();
            DateTimeOffset recent = now - _options.RecentWindow;
            var data = new Dictionary<string, object>(StringComparer.Ordinal);
            var problems = new List<string>();
            HealthStatus status = HealthStatus.Healthy;

            foreach (CircuitBreaker breaker in _options.Breakers.Breakers)
            {
                CircuitBreakerStatistics statistics = breaker.Statistics;
                data["breaker:" + breaker.Name] = statistics;
                if (statistics.State == CircuitBreakerState.Closed)
                {
                    continue;
                }

                bool critical = _options.CriticalBreakers.Contains(breaker.Name);
                HealthStatus breakerStatus = critical || statistics.State == CircuitBreakerState.Isolated ? HealthStatus.Unhealthy : HealthStatus.Degraded;
                status = Worse(status, breakerStatus);
                problems.Add($"circuit breaker '{breaker.Name}' is {statistics.State}{(critical ? " (critical)" : string.Empty)}");
            }

            foreach (Bulkhead bulkhead in _options.Bulkheads.Bulkheads)
            {
                BulkheadStatistics statistics = bulkhead.Statistics;
                data["bulkhead:" + bulkhead.Name] = statistics;
                if (statistics.LastRejectionTime is { } rejected && rejected >= recent)
                {
                    status = Worse(status, HealthStatus.Degraded);
                    problems.Add($"bulkhead '{bulkhead.Name}' is rejecting calls ({statistics.Rejected} rejected of {statistics.Total})");
                }
                else if (statistics.IsSaturated)
                {
                    status = Worse(status, HealthStatus.Degraded);
                    problems.Add($"bulkhead '{bulkhead.Name}' is saturated ({statistics.Running}/{statistics.MaxConcurrency} running, {statistics.Queued} queued)");
                }
            }

            foreach (DegradationStatistics statistics in DegradationMonitor.GetStatistics())
            {
                data["degraded:" + statistics.PolicyName] = statistics;
                if (_options.ReportDegradedAnswers && statistics.Last is { } last && last.Time >= recent)
                {
                    status = Worse(status, HealthStatus.Degraded);
                    problems.Add($"'{statistics.PolicyName}' answered at level {last.Level} from {last.Source}");
                }
            }

            string description = problems.Count == 0 ? "All breakers closed; no bulkhead saturated; no degraded answers." : string.Join("; ", problems) + ".";
            return new HealthCheckResult(status, description, exception: null, data);
        }

        private static HealthStatus Worse(HealthStatus a, HealthStatus b) => a < b ? a : b; // Unhealthy = 0 < Degraded = 1 < Healthy = 2
    }
}
