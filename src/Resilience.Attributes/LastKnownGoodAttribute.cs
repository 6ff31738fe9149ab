using System;

namespace Resilience
{
    /// <summary>
    /// Serves the last successful result of the method when a call fails: every success is stored (in the background, in the
    /// configured durable store), and a failure (after retries, an open breaker, a timeout) is answered with the stored
    /// result of the same key as long as it is younger than <see cref="MaxAgeSeconds"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// This is the first level of graceful degradation: a "cached, slightly stale" answer instead of an error. It takes part
    /// in the fallback chain with the <see cref="FallbackAttribute"/> methods, ordered by <see cref="Order"/>; on equal
    /// orders it comes first, so by default it runs before every <c>[Fallback]</c>. When no stored result is young enough,
    /// the chain continues (or the original failure propagates).
    /// </para>
    /// <para>
    /// The result type must round-trip through the store's serializer (System.Text.Json with <c>ResilienceJson.Options</c>);
    /// a type that cannot is reported at compile time. A caller learns that an answer was degraded through
    /// <c>DegradationScope</c>, which costs nothing while unused.
    /// </para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class LastKnownGoodAttribute : Attribute
    {
        /// <summary>How old a stored result may be and still be served, in seconds (default 3600).</summary>
        public int MaxAgeSeconds { get; set; } = 3_600;

        /// <summary>
        /// A key template such as <c>"{service}"</c> referencing parameters and their members, as for
        /// <see cref="IdempotentAttribute.Key"/>. Default: a stable fingerprint of all arguments (the method identity is
        /// always part of the stored key).
        /// </summary>
        public string? Key { get; set; }

        /// <summary>
        /// The position in the fallback chain shared with <see cref="FallbackAttribute"/> (default 0; lower runs first; on a
        /// tie the last known good value comes before the fallback methods).
        /// </summary>
        public int Order { get; set; }
    }
}
