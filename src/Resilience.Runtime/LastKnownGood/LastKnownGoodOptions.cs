using System;

namespace Resilience
{
    /// <summary>The values of a <c>[LastKnownGood]</c>. Defaults equal the attribute's.</summary>
    public sealed class LastKnownGoodOptions
    {
        /// <summary>Options with every default.</summary>
        public static LastKnownGoodOptions Default { get; } = new LastKnownGoodOptions();

        /// <summary>How old a stored result may be and still be served, in seconds (default 3600).</summary>
        public int MaxAgeSeconds { get; init; } = 3_600;

        /// <summary><see cref="MaxAgeSeconds"/> as a <see cref="TimeSpan"/>.</summary>
        public TimeSpan MaxAge => TimeSpan.FromSeconds(MaxAgeSeconds);

        /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="policyName"/> when a value is out of range.</summary>
        public void Validate(string policyName)
        {
            if (MaxAgeSeconds <= 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(MaxAgeSeconds), MaxAgeSeconds, $"LastKnownGood policy '{policyName}': MaxAgeSeconds must be 1 or more.");
            }
        }
    }
}
