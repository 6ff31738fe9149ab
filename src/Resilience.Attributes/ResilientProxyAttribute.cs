using System;

namespace Resilience
{
    /// <summary>
    /// Makes the partial class a generated resilient proxy for <see cref="Interface"/>: the generator writes a constructor
    /// taking the inner instance, implements every member of the interface and of its base interfaces by forwarding to it,
    /// and puts the declared policies around the methods that have them.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Policy attributes (<see cref="RetryAttribute"/>, <see cref="CircuitBreakerAttribute"/>, <see cref="TimeoutAttribute"/>,
    /// <see cref="BulkheadAttribute"/>) may sit on the interface's methods, on the proxy class (every forwarded method) and on
    /// partial method declarations in the proxy that repeat an interface method's signature; <see cref="FallbackAttribute"/>,
    /// <see cref="IdempotentAttribute"/> and <see cref="CheckpointAttribute"/> may sit on those declarations and on the
    /// interface's methods. Per policy kind the proxy's declaration wins over the interface method, which wins over the
    /// proxy class. <see cref="NoClassPoliciesAttribute"/> opts a method out of the class's policies.
    /// </para>
    /// <para>
    /// A method <c>{Name}Core</c> with the method's signature written on the proxy replaces the call to the inner instance.
    /// Breaker and bulkhead names default to <c>Namespace.Proxy.Method</c>, so configuration overrides address proxies like
    /// any other method. <c>services.AddResilientProxy&lt;TService, TProxy&gt;()</c> decorates an existing registration.
    /// </para>
    /// </remarks>
    /// <example>
    /// <code>
    /// [ResilientProxy(typeof(IInventoryApi))]
    /// [CircuitBreaker(Name = "inventory", FailureThreshold = 3)]
    /// public partial class ResilientInventoryApi
    /// {
    ///     [Timeout(2_000)]
    ///     public partial Task SetStockAsync(string sku, int count, CancellationToken ct = default);
    /// }
    ///
    /// var api = new ResilientInventoryApi(inner);
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class ResilientProxyAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="interface">The interface the proxy implements and forwards; use <c>typeof</c>.</param>
        public ResilientProxyAttribute(Type @interface) => Interface = @interface;

        /// <summary>The interface the proxy implements by forwarding every member to the inner instance.</summary>
        public Type Interface { get; }
    }
}
