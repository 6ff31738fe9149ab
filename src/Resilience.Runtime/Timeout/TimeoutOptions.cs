using System;

namespace Resilience
{
    /// <summary>The values of a <see cref="TimeoutAttribute"/>; configuration under <c>Resilience:Policies:&lt;name&gt;:Timeout</c> can replace them.</summary>
    public sealed class TimeoutOptions
    {
        /// <summary>The timeout in milliseconds; must be positive.</summary>
        public int Ms { get; init; }

        /// <summary>
        /// What the timeout bounds (the attribute's <see cref="TimeoutAttribute.Scope"/>). It decides which configuration key
        /// replaces <see cref="Ms"/>: <c>Timeout:Ms</c> for <see cref="TimeoutScope.Attempt"/>, <c>Timeout:OverallMs</c> for
        /// <see cref="TimeoutScope.Overall"/> (and <c>Timeout:Ms</c> too when the policy name has no attempt timeout).
        /// </summary>
        public TimeoutScope Scope { get; init; }

        /// <summary>The timeout as a <see cref="TimeSpan"/>.</summary>
        public TimeSpan Timeout => TimeSpan.FromMilliseconds(Ms);

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="policyName"/> when <see cref="Ms"/> is not positive.</summary>
        public void Validate(string policyName)
        {
            if (Ms <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(Ms), Ms, $"Timeout policy '{policyName}': Ms must be positive.");
            }
        }
    }
}
