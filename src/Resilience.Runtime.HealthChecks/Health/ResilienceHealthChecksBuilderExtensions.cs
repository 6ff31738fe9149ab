using System;
using System.Collections.Generic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Resilience
{
    /// <summary>Registers <see cref="ResilienceHealthCheck"/>.</summary>
    public static class ResilienceHealthChecksBuilderExtensions
    {
        /// <summary>The default name of the check: <c>resilience</c>.</summary>
        public const string DefaultName = "resilience";

        /// <summary>
        /// Adds a health check over the breakers, bulkheads and degraded answers of the process (see
        /// <see cref="ResilienceHealthCheck"/>): <c>services.AddHealthChecks().AddResilienceHealthChecks(o =&gt; o.CriticalBreakers.Add("kubernetes"))</c>.
        /// </summary>
        /// <param name="builder">The health checks builder.</param>
        /// <param name="configure">Marks critical breakers, sets the "recent" window, picks registries.</param>
        /// <param name="name">The check's name (default <c>resilience</c>).</param>
        /// <param name="tags">Tags for filtering health endpoints.</param>
        public static IHealthChecksBuilder AddResilienceHealthChecks(
            this IHealthChecksBuilder builder,
            Action<ResilienceHealthCheckOptions>? configure = null,
            string name = DefaultName,
            IEnumerable<string>? tags = null)
        {
            if (builder is null)
            {
                throw new ArgumentNullException(nameof(builder));
            }

            var options = new ResilienceHealthCheckOptions();
            configure?.Invoke(options);
            var check = new ResilienceHealthCheck(options);
            return builder.Add(new HealthCheckRegistration(name, check, failureStatus: HealthStatus.Unhealthy, tags));
        }
    }
}
