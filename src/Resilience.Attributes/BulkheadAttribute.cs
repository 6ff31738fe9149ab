using System;

namespace Resilience
{
    /// <summary>
    /// Limits how many calls run at once; up to <see cref="MaxQueue"/> further calls wait, and the rest are
    /// rejected with <c>BulkheadRejectedException</c>.
    /// </summary>
    /// <remarks>
    /// On a class, the attribute applies to each partial method there that the generator completes (on a
    /// <see cref="ResilientProxyAttribute"/> class: to every method it forwards). Per policy kind, an attribute on the
    /// method wins over one on the class; <see cref="NoClassPoliciesAttribute"/> opts a method out.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class BulkheadAttribute : Attribute
    {
        /// <summary>Calls allowed to run at once (default 10).</summary>
        public int MaxConcurrency { get; set; } = 10;

        /// <summary>Calls allowed to wait for a free slot (default 0).</summary>
        public int MaxQueue { get; set; }

        /// <summary>The bulkhead's name (default <c>Namespace.Type.Method</c>); equal names share one bulkhead.</summary>
        public string? Name { get; set; }
    }
}
