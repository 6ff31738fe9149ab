using System;

namespace Resilience
{
    /// <summary>
    /// Runs the method at most once per key: the first call claims the key, runs, and stores its successful result;
    /// later calls with the key return the stored result without running.
    /// </summary>
    /// <remarks>
    /// A failure releases the claim. The same key with different arguments throws <c>IdempotencyKeyReusedException</c>.
    /// A claim left by a crashed process is taken over after <see cref="LeaseSeconds"/>.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class IdempotentAttribute : Attribute
    {
        /// <summary>
        /// A key template such as <c>"{service}:{incident.Id}"</c> referencing parameters and their members; checked at
        /// compile time. Default: the method identity plus a stable fingerprint of all arguments.
        /// </summary>
        public string? Key { get; set; }

        /// <summary>How long a stored result is kept, in seconds (default 86400).</summary>
        public int TtlSeconds { get; set; } = 86_400;

        /// <summary>How long a claim is held before another process may take it over, in seconds (default 300).</summary>
        public int LeaseSeconds { get; set; } = 300;

        /// <summary>What a call does while another call with the same key runs (default <see cref="ConcurrentDuplicateBehavior.Wait"/>).</summary>
        public ConcurrentDuplicateBehavior OnConcurrentDuplicate { get; set; } = ConcurrentDuplicateBehavior.Wait;
    }
}
