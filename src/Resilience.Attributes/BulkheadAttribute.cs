using System;

namespace Resilience
{
    /// <summary>
    /// Limits how many calls run at once; up to <see cref="MaxQueue"/> further calls wait, and the rest are
    /// rejected with <c>BulkheadRejectedException</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
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
