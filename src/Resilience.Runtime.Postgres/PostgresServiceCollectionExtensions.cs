using System;
using Microsoft.Extensions.DependencyInjection;

namespace Resilience
{
    /// <summary>Registers the PostgreSQL store with dependency injection.</summary>
    public static class PostgresServiceCollectionExtensions
    {
        /// <summary>
        /// Registers a <see cref="PostgresDurableStore"/> as the <see cref="IDurableStore"/> singleton and makes it
        /// <see cref="ResilienceStores.Default"/> (generated code is static and reads the default, so the store is installed
        /// when this is called at start-up). The table is created on first use; call
        /// <see cref="PostgresDurableStore.MigrateAsync"/> at start-up to create it ahead of time.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="connectionString">The Npgsql connection string, e.g. <c>configuration.GetConnectionString("resilience")</c>.</param>
        /// <param name="configure">Changes other options (the schema).</param>
        /// <param name="setAsDefault">Whether to set <see cref="ResilienceStores.Default"/> as well (default <see langword="true"/>).</param>
        public static IServiceCollection AddPostgresResilienceStores(
            this IServiceCollection services,
            string connectionString,
            Action<PostgresStoreOptions>? configure = null,
            bool setAsDefault = true)
        {
            ArgumentNullException.ThrowIfNull(services);
            var options = new PostgresStoreOptions { ConnectionString = connectionString };
            configure?.Invoke(options);
            var store = new PostgresDurableStore(options);
            services.AddSingleton(options);
            services.AddSingleton(store);
            services.AddSingleton<IDurableStore>(store);
            if (setAsDefault)
            {
                ResilienceStores.Default = store;
            }

            return services;
        }
    }
}
