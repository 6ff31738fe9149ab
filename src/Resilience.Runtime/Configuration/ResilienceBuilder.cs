using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>Options of <see cref="ResilienceServiceCollectionExtensions.AddResilience(IServiceCollection, Action{ResilienceBuilder})"/>.</summary>
    public sealed class ResilienceBuilder
    {
        internal ResilienceBuilder(IServiceCollection services)
        {
            Services = services;
        }

        /// <summary>The service collection being configured.</summary>
        public IServiceCollection Services { get; }

        /// <summary>
        /// The configuration to bind (the root, or the <c>Resilience</c> section). When not set, the <see cref="IConfiguration"/>
        /// instance registered in <see cref="Services"/> is used, or the one resolved by <c>UseResilience</c>.
        /// </summary>
        public IConfiguration? Configuration { get; set; }

        /// <summary>The logger factory for the runtime's events; when not set, <c>UseResilience</c> takes the one from the container.</summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        /// <summary>A clock to install as <see cref="ResilienceRuntime.TimeProvider"/>; when not set, the clock is left as it is.</summary>
        public TimeProvider? TimeProvider { get; set; }

        /// <summary>Sets <see cref="Configuration"/>.</summary>
        public ResilienceBuilder BindConfiguration(IConfiguration configuration)
        {
            Configuration = configuration ?? throw new ArgumentNullException(nameof(configuration));
            return this;
        }

        /// <summary>Sets <see cref="LoggerFactory"/>.</summary>
        public ResilienceBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
        {
            LoggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
            return this;
        }

        /// <summary>
        /// Registers <paramref name="store"/> as the <see cref="IDurableStore"/> singleton and makes it
        /// <see cref="ResilienceStores.Default"/> (generated code is static, so the default is set at once).
        /// </summary>
        public ResilienceBuilder UseStore(IDurableStore store)
        {
            ArgumentNullException.ThrowIfNull(store);
            Services.AddSingleton(store);
            ResilienceStores.Default = store;
            return this;
        }

        /// <summary>Sets <see cref="TimeProvider"/>.</summary>
        public ResilienceBuilder UseTimeProvider(TimeProvider timeProvider)
        {
            TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
            return this;
        }
    }
}
