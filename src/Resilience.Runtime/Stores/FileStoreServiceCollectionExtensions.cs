using System;
using Microsoft.Extensions.DependencyInjection;

namespace Resilience
{
    /// <summary>Registers the file store with dependency injection.</summary>
    public static class FileStoreServiceCollectionExtensions
    {
        /// <summary>
        /// Registers a <see cref="FileDurableStore"/> on <paramref name="directory"/> as the <see cref="IDurableStore"/> singleton
        /// and makes it <see cref="ResilienceStores.Default"/> (generated code is static and reads the default, so the
        /// store is installed when this is called at start-up, not when the container is built).
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="directory">The records' directory; share it between processes on one machine to share the records.</param>
        /// <param name="setAsDefault">Whether to set <see cref="ResilienceStores.Default"/> as well (default <see langword="true"/>).</param>
        public static IServiceCollection AddFileResilienceStores(this IServiceCollection services, string directory, bool setAsDefault = true)
        {
            ArgumentNullException.ThrowIfNull(services);
            var store = new FileDurableStore(directory);
            services.AddSingleton(store);
            services.AddSingleton<IDurableStore>(store);
            if (setAsDefault)
            {
                ResilienceStores.Default = store;
            }

            return services;
        }

        /// <summary>Registers a new <see cref="InMemoryDurableStore"/> as the <see cref="IDurableStore"/> singleton and, optionally, the default.</summary>
        public static IServiceCollection AddInMemoryResilienceStores(this IServiceCollection services, bool setAsDefault = true)
        {
            ArgumentNullException.ThrowIfNull(services);
            var store = new InMemoryDurableStore();
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
