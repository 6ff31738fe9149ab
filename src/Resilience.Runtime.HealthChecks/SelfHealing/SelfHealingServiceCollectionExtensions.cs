using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>Registers the <see cref="SelfHealingService"/>.</summary>
    public static class SelfHealingServiceCollectionExtensions
    {
        /// <summary>
        /// Adds the self-healing hosted service and its components:
        /// <code>
        /// services.AddSelfHealing(o =&gt; o.AddComponent("kubernetes", c =&gt;
        /// {
        ///     c.Probe = ct =&gt; k8s.PingAsync(ct);
        ///     c.Recover = ct =&gt; k8s.ReconnectAsync(ct);
        ///     c.TriggerBreakers.Add("kubernetes");
        ///     c.MaxConsecutiveFailedRecoveries = 5;
        /// }).OnEscalation = (e, ct) =&gt; pager.PageAsync(e.ToString(), ct));
        /// </code>
        /// The service is also registered as itself, so the application can read <see cref="SelfHealingService.GetStatus"/>.
        /// </summary>
        public static IServiceCollection AddSelfHealing(this IServiceCollection services, Action<SelfHealingOptions> configure)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            var options = new SelfHealingOptions();
            configure(options);
            options.Validate();
            services.TryAddSingleton(options);
            services.TryAddSingleton(sp => new SelfHealingService(options, sp.GetService<ILogger<SelfHealingService>>()));
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SelfHealingService>());
            return services;
        }
    }
}
