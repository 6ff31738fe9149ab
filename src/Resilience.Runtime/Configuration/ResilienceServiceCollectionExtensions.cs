using System;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>Wires the resilience runtime into a service collection: configuration overrides, logging, the clock.</summary>
    public static class ResilienceServiceCollectionExtensions
    {
        /// <summary>
        /// Binds the <c>Resilience</c> configuration section (overrides and switches, re-applied on reload) and sets the runtime's
        /// logger factory and clock when known. The configuration is <see cref="ResilienceBuilder.Configuration"/>, or the
        /// <see cref="IConfiguration"/> instance already registered (as host builders do). Call
        /// <see cref="ResilienceServiceProviderExtensions.UseResilience"/> on the built provider to take the container's
        /// <see cref="ILoggerFactory"/> (and its <see cref="IConfiguration"/> if none was found here).
        /// </summary>
        public static IServiceCollection AddResilience(this IServiceCollection services, Action<ResilienceBuilder>? configure = null)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            var builder = new ResilienceBuilder(services);
            configure?.Invoke(builder);
            IConfiguration? configuration = builder.Configuration ?? FindConfigurationInstance(services);

            var wiring = new ResilienceWiring(builder.LoggerFactory);
            if (builder.LoggerFactory is not null)
            {
                ResilienceRuntime.LoggerFactory = builder.LoggerFactory;
            }

            if (builder.TimeProvider is not null)
            {
                ResilienceRuntime.TimeProvider = builder.TimeProvider;
            }

            if (configuration is not null)
            {
                wiring.Bind(configuration);
            }

            services.AddSingleton(wiring);
            return services;
        }

        /// <summary>As <see cref="AddResilience(IServiceCollection, Action{ResilienceBuilder})"/>, binding <paramref name="configuration"/> (the root or the <c>Resilience</c> section).</summary>
        public static IServiceCollection AddResilience(this IServiceCollection services, IConfiguration configuration, Action<ResilienceBuilder>? configure = null)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            return services.AddResilience(builder =>
            {
                builder.Configuration = configuration;
                configure?.Invoke(builder);
            });
        }

        private static IConfiguration? FindConfigurationInstance(IServiceCollection services) =>
            services.LastOrDefault(static d => d.ServiceType == typeof(IConfiguration) && !d.IsKeyedService)?.ImplementationInstance as IConfiguration;
    }
}
