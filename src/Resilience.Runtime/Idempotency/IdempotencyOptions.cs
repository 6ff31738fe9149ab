using System;

namespace Resilience
{
    /// <summary>
    /// The values of an <see cref="IdempotentAttribute"/>: the attribute's arguments are the defaults, and configuration under
    /// <c>Resilience:Policies:&lt;name&gt;:Idempotent</c> can replace them at run time. Defaults equal the attribute's.
    /// </summary>
    public sealed class IdempotencyOptions
    {
        /// <summary>Options with every default.</summary>
        public static IdempotencyOptions Default { get; } = new IdempotencyOptions();

        /// <summary>How long a stored result is kept, in seconds (default 86400).</summary>
        public int TtlSeconds { get; init; } = 86_400;

        /// <summary>How long a claim is held before another caller may take it over, in seconds (default 300).</summary>
        public int LeaseSeconds { get; init; } = 300;

        /// <summary>What a call does while another call with the same key runs (default <see cref="ConcurrentDuplicateBehavior.Wait"/>).</summary>
        public ConcurrentDuplicateBehavior OnConcurrentDuplicate { get; init; } = ConcurrentDuplicateBehavior.Wait;

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="policyName"/> when a value is out of range.</summary>
        public void Validate(string policyName)
        {
            Require(TtlSeconds > 0, policyName, nameof(TtlSeconds), TtlSeconds, "must be 1 or more");
            Require(LeaseSeconds > 0, policyName, nameof(LeaseSeconds), LeaseSeconds, "must be 1 or more");
            Require(Enum.IsDefined(OnConcurrentDuplicate), policyName, nameof(OnConcurrentDuplicate), OnConcurrentDuplicate, "is not a ConcurrentDuplicateBehavior value");
        }

        private static void Require<T>(bool condition, string policyName, string property, T value, string rule)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(property, value, $"Idempotency policy '{policyName}': {property} {rule}.");
            }
        }
    }
}
