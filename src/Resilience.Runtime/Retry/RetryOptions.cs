using System;

namespace Resilience
{
    /// <summary>
    /// The values of a <see cref="RetryAttribute"/>: the attribute's arguments are the defaults, and configuration under
    /// <c>Resilience:Policies:&lt;name&gt;:Retry</c> can replace them at run time. Defaults equal the attribute's.
    /// </summary>
    public sealed class RetryOptions
    {
        /// <summary>Options with every default.</summary>
        public static RetryOptions Default { get; } = new RetryOptions();

        /// <summary>Retries after the first attempt (default 3).</summary>
        public int MaxRetries { get; init; } = 3;

        /// <summary>The base delay in milliseconds (default 1000).</summary>
        public int BaseDelayMs { get; init; } = 1000;

        /// <summary>The largest delay in milliseconds (default 60000).</summary>
        public int MaxDelayMs { get; init; } = 60_000;

        /// <summary>How delays grow (default exponential).</summary>
        public Backoff Backoff { get; init; } = Backoff.Exponential;

        /// <summary>The exponential growth factor (default 2.0).</summary>
        public double ExponentialBase { get; init; } = 2.0;

        /// <summary>Randomness applied to each delay (default full jitter).</summary>
        public Jitter Jitter { get; init; } = Jitter.Full;

        /// <summary>The budget for the sum of delays in milliseconds (0 = none).</summary>
        public int MaxTotalDelayMs { get; init; }

        /// <summary>Which exceptions are retried (<c>RetryOn</c>/<c>AbortOn</c>).</summary>
        public ExceptionTypeFilter Exceptions { get; init; } = ExceptionTypeFilter.All;

        /// <summary>A predicate that must also accept an exception for it to be retried (<c>ShouldRetry</c>).</summary>
        public Func<Exception, bool>? ShouldRetry { get; init; }

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="policyName"/> when a value is out of range.</summary>
        public void Validate(string policyName)
        {
            Require(MaxRetries >= 0, policyName, nameof(MaxRetries), MaxRetries, "must be 0 or more");
            Require(BaseDelayMs >= 0, policyName, nameof(BaseDelayMs), BaseDelayMs, "must be 0 or more");
            Require(MaxDelayMs >= 0, policyName, nameof(MaxDelayMs), MaxDelayMs, "must be 0 or more");
            Require(BaseDelayMs <= MaxDelayMs, policyName, nameof(BaseDelayMs), BaseDelayMs, $"must not exceed MaxDelayMs ({MaxDelayMs})");
            Require(ExponentialBase >= 1.0 && !double.IsInfinity(ExponentialBase), policyName, nameof(ExponentialBase), ExponentialBase, "must be 1.0 or more");
            Require(MaxTotalDelayMs >= 0, policyName, nameof(MaxTotalDelayMs), MaxTotalDelayMs, "must be 0 or more");
            Require(Enum.IsDefined(Backoff), policyName, nameof(Backoff), Backoff, "is not a Backoff value");
            Require(Enum.IsDefined(Jitter), policyName, nameof(Jitter), Jitter, "is not a Jitter value");
            if (Exceptions is null)
            {
                throw new ArgumentException($"Retry policy '{policyName}': Exceptions must not be null.");
            }
        }

        internal static void Require<T>(bool condition, string policyName, string property, T value, string rule)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(property, value, $"Retry policy '{policyName}': {property} {rule}.");
            }
        }
    }
}
