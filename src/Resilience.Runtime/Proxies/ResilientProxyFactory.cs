using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Holds how to create a <typeparamref name="TProxy"/> around a <typeparamref name="TService"/>. A generated proxy
    /// registers its constructor here from a module initializer, so that
    /// <see cref="ResilientProxyServiceCollectionExtensions.AddResilientProxy{TService, TProxy}(Microsoft.Extensions.DependencyInjection.IServiceCollection)"/>
    /// creates proxies with a plain delegate call: no reflection, trimming- and AOT-safe. Called by generated code only.
    /// </summary>
    /// <typeparam name="TService">The proxied interface.</typeparam>
    /// <typeparam name="TProxy">The generated proxy.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ResilientProxyFactory<TService, TProxy>
        where TService : class
        where TProxy : class, TService, IResilientProxy<TService>
    {
        private static Func<TService, TProxy>? s_create;

        /// <summary>Registers the proxy's constructor. Generated proxies call this from a <c>[ModuleInitializer]</c>.</summary>
        /// <param name="create">Creates the proxy around the inner instance.</param>
        public static void Register(Func<TService, TProxy> create) =>
            Volatile.Write(ref s_create, create ?? throw new ArgumentNullException(nameof(create)));

        /// <summary>
        /// The registered constructor. Runs <typeparamref name="TProxy"/>'s module initializer first if nothing is registered
        /// yet (the proxy's assembly may not have run any code so far), then throws if the proxy still did not register.
        /// </summary>
        internal static Func<TService, TProxy> Get()
        {
            Func<TService, TProxy>? create = Volatile.Read(ref s_create);
            if (create is null)
            {
                RuntimeHelpers.RunModuleConstructor(typeof(TProxy).Module.ModuleHandle);
                create = Volatile.Read(ref s_create);
            }

            return create ?? throw new InvalidOperationException(
                $"'{typeof(TProxy).FullName}' has not registered a constructor for '{typeof(TService).FullName}'. A proxy written by " +
                $"the generator for [ResilientProxy(typeof({typeof(TService).Name}))] registers one; a generic or private nested " +
                "proxy class cannot (create it with 'new' instead), and a hand-written IResilientProxy must call " +
                $"ResilientProxyFactory<{typeof(TService).Name}, {typeof(TProxy).Name}>.Register itself.");
        }
    }
}
