using System;

namespace Resilience
{
    /// <summary>The values of one <see cref="FallbackAttribute"/>.</summary>
    public sealed class FallbackOptions
    {
        /// <summary>Options that take over from every failure.</summary>
        public static FallbackOptions Default { get; } = new FallbackOptions();

        /// <summary>Which failures this fallback takes over from (<c>HandleOn</c>/<c>SkipOn</c>).</summary>
        public ExceptionTypeFilter Exceptions { get; init; } = ExceptionTypeFilter.All;

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="policyName"/> when a value is missing.</summary>
        public void Validate(string policyName)
        {
            if (Exceptions is null)
            {
                throw new ArgumentException($"Fallback policy '{policyName}': Exceptions must not be null.", nameof(Exceptions));
            }
        }
    }
}
