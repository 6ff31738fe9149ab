using System;

namespace Resilience
{
    /// <summary>
    /// Cancels the token passed to the implementation after <see cref="Ms"/> milliseconds and throws
    /// <c>ResilienceTimeoutException</c> (a <see cref="TimeoutException"/>). With the default <see cref="Scope"/>
    /// (<see cref="TimeoutScope.Attempt"/>) every retry attempt gets its own timeout; <see cref="TimeoutScope.Overall"/>
    /// bounds the whole call, retries and their delays included. One timeout of each scope may be declared on a method.
    /// </summary>
    /// <remarks>
    /// The method should have a <see cref="System.Threading.CancellationToken"/> parameter; without one the work
    /// cannot be cancelled, only abandoned (asynchronous methods) and the analyzer warns.
    /// <para>
    /// On a class, the attribute applies to each partial method there that the generator completes (on a
    /// <see cref="ResilientProxyAttribute"/> class: to every method it forwards). Per policy kind, an attribute on the
    /// method wins over one on the class; <see cref="NoClassPoliciesAttribute"/> opts a method out.
    /// </para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class TimeoutAttribute : Attribute
    {
        /// <summary>Creates the attribute.</summary>
        /// <param name="ms">The timeout in milliseconds; must be positive.</param>
        public TimeoutAttribute(int ms) => Ms = ms;

        /// <summary>The timeout in milliseconds.</summary>
        public int Ms { get; }

        /// <summary>What the timeout bounds (default <see cref="TimeoutScope.Attempt"/>).</summary>
        public TimeoutScope Scope { get; set; } = TimeoutScope.Attempt;
    }
}
