using System;

namespace Resilience
{
    /// <summary>
    /// Stores every successful result of the method and, when a call fails (after its retries, breaker and timeouts — an open
    /// breaker included), returns the stored result of the same key instead of the failure while it is younger than
    /// <see cref="MaxAgeSeconds"/>: the "cached, slightly stale" level of graceful degradation.
    /// </summary>
    /// <remarks>
    /// The result goes to the configured durable store (in-memory by default; file or PostgreSQL when configured) through an
    /// in-process write-behind queue, so the success path only enqueues. It takes part in the fallback chain with
    /// <see cref="Order"/>; on a tie with a <c>[Fallback]</c> it answers first. The caller's own cancellation is never replaced.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class LastKnownGoodAttribute : Attribute
    {
        /// <summary>How old a stored result may be and still be served, in seconds (default 3600; must be 1 or more).</summary>
        public int MaxAgeSeconds { get; set; } = 3_600;

        /// <summary>
        /// A key template such as <c>"{service}"</c> referencing parameters and their members, as for <c>[Idempotent]</c>; checked
        /// at compile time. Default: a stable fingerprint of all arguments (none for a method without arguments).
        /// </summary>
        public string? Key { get; set; }

        /// <summary>The position in the fallback chain shared with the <c>[Fallback]</c> attributes (default 0; lower answers first).</summary>
        public int Order { get; set; }
    }
}
