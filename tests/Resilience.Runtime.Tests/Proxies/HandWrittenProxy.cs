// The shape the generator writes for a [ResilientProxy], written by hand so that the runtime's side (IResilientProxy,
// ResilientProxyFactory, AddResilientProxy) is tested without the generator, and so that docs/proxies.md shows code that
// compiles. The user's code is at the top; everything below the marked line is what the generator emits for it.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience.Runtime.Tests.Proxies
{
    public interface IInventoryReader
    {
        int Version { get; }
    }

    public interface IInventoryApi : IInventoryReader
    {
        [Retry(MaxRetries = 2, BaseDelayMs = 0)]
        Task<int> GetStockAsync(string sku, CancellationToken ct = default);

        Task SetStockAsync(string sku, int count, CancellationToken ct = default);

        event EventHandler? Changed;

        string this[string sku] { get; set; }

        T Describe<T>(string sku)
            where T : class, new();

        string Summary() => "default summary of " + Version;
    }

    [ResilientProxy(typeof(IInventoryApi))]
    [CircuitBreaker(Name = "proxy-tests.inventory", FailureThreshold = 3)]
    public partial class ResilientInventoryApi
    {
        [Timeout(2_000)]
        public partial Task SetStockAsync(string sku, int count, CancellationToken ct = default);
    }

    // ---- generated: Resilience.Runtime.Tests.Proxies.ResilientInventoryApi.g.cs ----------------------------------------

    partial class ResilientInventoryApi : global::Resilience.Runtime.Tests.Proxies.IInventoryApi, global::Resilience.IResilientProxy<global::Resilience.Runtime.Tests.Proxies.IInventoryApi>
    {
        private readonly global::Resilience.Runtime.Tests.Proxies.IInventoryApi _inner;

        /// <summary>Creates the proxy; every member of <see cref="global::Resilience.Runtime.Tests.Proxies.IInventoryApi"/> is forwarded to <paramref name="inner"/>.</summary>
        [global::System.CodeDom.Compiler.GeneratedCode("Resilience.Generator", "0.1.0")]
        public ResilientInventoryApi(global::Resilience.Runtime.Tests.Proxies.IInventoryApi inner)
        {
            _inner = inner ?? throw new global::System.ArgumentNullException(nameof(inner));
        }

        global::Resilience.Runtime.Tests.Proxies.IInventoryApi global::Resilience.IResilientProxy<global::Resilience.Runtime.Tests.Proxies.IInventoryApi>.Inner => _inner;

        [global::System.Runtime.CompilerServices.ModuleInitializer]
        internal static void RegisterResilientProxy() =>
            global::Resilience.ResilientProxyFactory<global::Resilience.Runtime.Tests.Proxies.IInventoryApi, global::Resilience.Runtime.Tests.Proxies.ResilientInventoryApi>.Register(
                static inner => new global::Resilience.Runtime.Tests.Proxies.ResilientInventoryApi(inner));

        public int Version => _inner.Version;

        public event global::System.EventHandler? Changed
        {
            add => _inner.Changed += value;
            remove => _inner.Changed -= value;
        }

        public string this[string sku]
        {
            get => _inner[sku];
            set => _inner[sku] = value;
        }

        public partial global::System.Threading.Tasks.Task<int> GetStockAsync(string sku, global::System.Threading.CancellationToken ct = default);

        public partial T Describe<T>(string sku)
            where T : class, new();

        public partial string Summary();
    }

    // ---- generated: Resilience.Runtime.Tests.Proxies.ResilientInventoryApi.GetStockAsync.g.cs -------------------------
    // Retry from the interface member, the breaker from the proxy class: the same body a partial method gets, calling the
    // inner instance where a partial method calls {Name}Core.

    partial class ResilientInventoryApi
    {
        private static readonly global::Resilience.RetryPolicy s_getStockAsyncRetry = new global::Resilience.RetryPolicy(
            "Resilience.Runtime.Tests.Proxies.ResilientInventoryApi.GetStockAsync",
            new global::Resilience.RetryOptions { MaxRetries = 2, BaseDelayMs = 0 });

        private static readonly global::Resilience.CircuitBreakerPolicy s_getStockAsyncCircuitBreaker = new global::Resilience.CircuitBreakerPolicy(
            "proxy-tests.inventory",
            new global::Resilience.CircuitBreakerOptions { FailureThreshold = 3 });

        [global::System.CodeDom.Compiler.GeneratedCode("Resilience.Generator", "0.1.0")]
        public async partial global::System.Threading.Tasks.Task<int> GetStockAsync(string sku, global::System.Threading.CancellationToken ct)
        {
            var retry = new global::Resilience.RetryState(s_getStockAsyncRetry);
            while (true)
            {
                try
                {
                    var breaker = s_getStockAsyncCircuitBreaker.Enter();
                    int result;
                    try
                    {
                        result = await _inner.GetStockAsync(sku, ct).ConfigureAwait(false);
                    }
                    catch (global::System.Exception ex)
                    {
                        breaker.OnFailure(ex, ct);
                        throw;
                    }

                    breaker.OnSuccess();
                    return result;
                }
                catch (global::System.Exception ex) when (retry.ShouldRetry(ex, ct))
                {
                    retry.OnRetry(ex);
                }

                await retry.WaitAsync(ct).ConfigureAwait(false);
            }
        }
    }

    // ---- generated: Resilience.Runtime.Tests.Proxies.ResilientInventoryApi.SetStockAsync.g.cs -------------------------
    // The breaker from the class, the timeout from the proxy's own declaration.

    partial class ResilientInventoryApi
    {
        private static readonly global::Resilience.CircuitBreakerPolicy s_setStockAsyncCircuitBreaker = new global::Resilience.CircuitBreakerPolicy(
            "proxy-tests.inventory",
            new global::Resilience.CircuitBreakerOptions { FailureThreshold = 3 });

        private static readonly global::Resilience.TimeoutPolicy s_setStockAsyncTimeout = new global::Resilience.TimeoutPolicy(
            "Resilience.Runtime.Tests.Proxies.ResilientInventoryApi.SetStockAsync",
            new global::Resilience.TimeoutOptions { Ms = 2000 });

        [global::System.CodeDom.Compiler.GeneratedCode("Resilience.Generator", "0.1.0")]
        public async partial global::System.Threading.Tasks.Task SetStockAsync(string sku, int count, global::System.Threading.CancellationToken ct)
        {
            var breaker = s_setStockAsyncCircuitBreaker.Enter();
            try
            {
                using (var timeout = s_setStockAsyncTimeout.Start(ct))
                {
                    try
                    {
                        await _inner.SetStockAsync(sku, count, timeout.Token).ConfigureAwait(false);
                    }
                    catch (global::System.OperationCanceledException ex) when (timeout.IsTimeout(ex))
                    {
                        throw timeout.TimeoutException(ex);
                    }
                }
            }
            catch (global::System.Exception ex)
            {
                breaker.OnFailure(ex, ct);
                throw;
            }

            breaker.OnSuccess();
            return;
        }
    }

    // ---- generated: ...ResilientInventoryApi.Describe.g.cs and ...ResilientInventoryApi.Summary.g.cs --------------------
    // Every method gets the class's breaker, generic ones and default interface members included. Summary is forwarded
    // explicitly, so the inner instance's own implementation (or its default) runs once, under the proxy's policies once.

    partial class ResilientInventoryApi
    {
        private static readonly global::Resilience.CircuitBreakerPolicy s_describeCircuitBreaker = new global::Resilience.CircuitBreakerPolicy(
            "proxy-tests.inventory",
            new global::Resilience.CircuitBreakerOptions { FailureThreshold = 3 });

        private static readonly global::Resilience.CircuitBreakerPolicy s_summaryCircuitBreaker = new global::Resilience.CircuitBreakerPolicy(
            "proxy-tests.inventory",
            new global::Resilience.CircuitBreakerOptions { FailureThreshold = 3 });

        [global::System.CodeDom.Compiler.GeneratedCode("Resilience.Generator", "0.1.0")]
        public partial T Describe<T>(string sku)
            where T : class, new()
        {
            var breaker = s_describeCircuitBreaker.Enter();
            T result;
            try
            {
                result = _inner.Describe<T>(sku);
            }
            catch (global::System.Exception ex)
            {
                breaker.OnFailure(ex, default);
                throw;
            }

            breaker.OnSuccess();
            return result;
        }

        [global::System.CodeDom.Compiler.GeneratedCode("Resilience.Generator", "0.1.0")]
        public partial string Summary()
        {
            var breaker = s_summaryCircuitBreaker.Enter();
            string result;
            try
            {
                result = _inner.Summary();
            }
            catch (global::System.Exception ex)
            {
                breaker.OnFailure(ex, default);
                throw;
            }

            breaker.OnSuccess();
            return result;
        }
    }
}
