using System;
using Microsoft.Extensions.DependencyInjection;

namespace Resilience
{
    /// <summary>Decorates a registered service with its generated resilient proxy (<see cref="ResilientProxyAttribute"/>).</summary>
    public static class ResilientProxyServiceCollectionExtensions
    {
        /// <summary>
        /// Replaces the last registration of <typeparamref name="TService"/> (keyed or not) with one that resolves a
        /// <typeparamref name="TProxy"/> wrapping what the original registration resolved. The decorated registration keeps
        /// its lifetime and its service key; call this after registering the implementation (including typed
        /// <c>HttpClient</c>s from <c>AddHttpClient&lt;TService, TImplementation&gt;()</c>).
        /// </summary>
        /// <typeparam name="TService">The proxied interface, already registered.</typeparam>
        /// <typeparam name="TProxy">The generated proxy for <typeparamref name="TService"/>.</typeparam>
        /// <param name="services">The service collection.</param>
        /// <returns><paramref name="services"/>.</returns>
        /// <exception cref="InvalidOperationException"><typeparamref name="TService"/> is not registered.</exception>
        /// <remarks>
        /// Resolving creates the proxy with the constructor the generated proxy registered in
        /// <see cref="ResilientProxyFactory{TService, TProxy}"/>: a delegate call, no reflection. An implementation-type
        /// registration stays with the container (same lifetime, created and disposed by it) under a private key; an
        /// instance registration is wrapped once, here, and stays owned by the caller.
        /// </remarks>
        public static IServiceCollection AddResilientProxy<TService, TProxy>(this IServiceCollection services)
            where TService : class
            where TProxy : class, TService, IResilientProxy<TService>
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            for (int i = services.Count - 1; i >= 0; i--)
            {
                if (services[i].ServiceType == typeof(TService))
                {
                    return Decorate<TService, TProxy>(services, i);
                }
            }

            throw new InvalidOperationException(
                $"AddResilientProxy<{typeof(TService).Name}, {typeof(TProxy).Name}>() found no registration of '{typeof(TService).FullName}' to decorate. " +
                $"Register the implementation first (for example services.AddSingleton<{typeof(TService).Name}, Implementation>() or " +
                $"services.AddHttpClient<{typeof(TService).Name}, Implementation>()), then call AddResilientProxy.");
        }

        /// <summary>
        /// As <see cref="AddResilientProxy{TService, TProxy}(IServiceCollection)"/>, for the last registration of
        /// <typeparamref name="TService"/> under <paramref name="serviceKey"/> (<see langword="null"/>: the last registration without a key).
        /// </summary>
        /// <typeparam name="TService">The proxied interface, already registered under <paramref name="serviceKey"/>.</typeparam>
        /// <typeparam name="TProxy">The generated proxy for <typeparamref name="TService"/>.</typeparam>
        /// <param name="services">The service collection.</param>
        /// <param name="serviceKey">The key of the registration to decorate.</param>
        /// <returns><paramref name="services"/>.</returns>
        /// <exception cref="InvalidOperationException"><typeparamref name="TService"/> is not registered under <paramref name="serviceKey"/>.</exception>
        public static IServiceCollection AddKeyedResilientProxy<TService, TProxy>(this IServiceCollection services, object? serviceKey)
            where TService : class
            where TProxy : class, TService, IResilientProxy<TService>
        {
            if (services is null)
            {
                throw new ArgumentNullException(nameof(services));
            }

            for (int i = services.Count - 1; i >= 0; i--)
            {
                ServiceDescriptor descriptor = services[i];
                if (descriptor.ServiceType == typeof(TService) && Equals(descriptor.ServiceKey, serviceKey))
                {
                    return Decorate<TService, TProxy>(services, i);
                }
            }

            throw new InvalidOperationException(
                $"AddKeyedResilientProxy<{typeof(TService).Name}, {typeof(TProxy).Name}>({(serviceKey is null ? "null" : "\"" + serviceKey + "\"")}) found no registration of " +
                $"'{typeof(TService).FullName}' {(serviceKey is null ? "without a key" : "under that key")} to decorate. Register the implementation first, then call AddKeyedResilientProxy.");
        }

        private static IServiceCollection Decorate<TService, TProxy>(IServiceCollection services, int index)
            where TService : class
            where TProxy : class, TService, IResilientProxy<TService>
        {
            Func<TService, TProxy> create = ResilientProxyFactory<TService, TProxy>.Get();
            ServiceDescriptor original = services[index];
            services[index] = original.IsKeyedService
                ? DecorateKeyed(services, original, create)
                : DecorateUnkeyed(services, original, create);
            return services;
        }

        private static ServiceDescriptor DecorateUnkeyed<TService, TProxy>(IServiceCollection services, ServiceDescriptor original, Func<TService, TProxy> create)
            where TService : class
            where TProxy : class, TService
        {
            if (original.ImplementationInstance is TService instance)
            {
                return new ServiceDescriptor(typeof(TService), create(instance));
            }

            if (original.ImplementationFactory is { } factory)
            {
                return new ServiceDescriptor(typeof(TService), provider => create((TService)factory(provider)), original.Lifetime);
            }

            // The container keeps building (and disposing) the implementation, under a key nobody else can ask for.
            var innerKey = new InnerRegistrationKey(typeof(TService), serviceKey: null);
            services.Add(new ServiceDescriptor(original.ImplementationType!, innerKey, original.ImplementationType!, original.Lifetime));
            Type implementation = original.ImplementationType!;
            return new ServiceDescriptor(
                typeof(TService),
                provider => create((TService)provider.GetRequiredKeyedService(implementation, innerKey)),
                original.Lifetime);
        }

        private static ServiceDescriptor DecorateKeyed<TService, TProxy>(IServiceCollection services, ServiceDescriptor original, Func<TService, TProxy> create)
            where TService : class
            where TProxy : class, TService
        {
            object? key = original.ServiceKey;
            if (original.KeyedImplementationInstance is TService instance)
            {
                return new ServiceDescriptor(typeof(TService), key, create(instance));
            }

            if (original.KeyedImplementationFactory is { } factory)
            {
                return new ServiceDescriptor(typeof(TService), key, (provider, requestedKey) => create((TService)factory(provider, requestedKey)), original.Lifetime);
            }

            var innerKey = new InnerRegistrationKey(typeof(TService), key);
            Type implementation = original.KeyedImplementationType!;
            services.Add(new ServiceDescriptor(implementation, innerKey, implementation, original.Lifetime));
            return new ServiceDescriptor(
                typeof(TService),
                key,
                (provider, _) => create((TService)provider.GetRequiredKeyedService(implementation, innerKey)),
                original.Lifetime);
        }

        /// <summary>The private key under which a decorated implementation type stays registered. Compared by reference.</summary>
        private sealed class InnerRegistrationKey
        {
            public InnerRegistrationKey(Type service, object? serviceKey)
            {
                Service = service;
                ServiceKey = serviceKey;
            }

            public Type Service { get; }

            public object? ServiceKey { get; }

            public override string ToString() => $"inner {Service.Name}{(ServiceKey is null ? string.Empty : " [" + ServiceKey + "]")} of a resilient proxy";
        }
    }
}
