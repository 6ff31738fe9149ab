using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>Completes the wiring of <c>AddResilience</c> once the container is built.</summary>
    public static class ResilienceServiceProviderExtensions
    {
        /// <summary>
        /// Sets <see cref="ResilienceRuntime.LoggerFactory"/> from the container's <see cref="ILoggerFactory"/> (unless
        /// <see cref="ResilienceBuilder.LoggerFactory"/> was given) and binds the container's <see cref="IConfiguration"/> when
        /// <c>AddResilience</c> found none. Returns <paramref name="services"/>.
        /// </summary>
        public static IServiceProvider UseResilience(this IServiceProvider services)
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            ResilienceWiring wiring = services.GetService<ResilienceWiring>()
                ?? throw new InvalidOperationException("Call services.AddResilience() before UseResilience().");
            if (wiring.LoggerFactory is null && services.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                ResilienceRuntime.LoggerFactory = loggerFactory;
            }

            if (!wiring.IsBound && services.GetService<IConfiguration>() is { } configuration)
            {
                wiring.Bind(configuration);
            }

            return services;
        }
    }

    /// <summary>What <c>AddResilience</c> set up, kept in the container for <c>UseResilience</c>.</summary>
    internal sealed class ResilienceWiring : IDisposable
    {
        private IDisposable? _binding;

        public ResilienceWiring(ILoggerFactory? loggerFactory)
        {
            LoggerFactory = loggerFactory;
        }

        public ILoggerFactory? LoggerFactory { get; }

        public bool IsBound => _binding is not null;

        public void Bind(IConfiguration configuration) => _binding = ResilienceConfiguration.Bind(configuration);

        public void Dispose() => _binding?.Dispose();
    }
}
