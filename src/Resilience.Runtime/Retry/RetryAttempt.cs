using System;

namespace Resilience
{
    /// <summary>
    /// What a <see cref="RetryAttribute.OnRetry"/> callback of a method without a result learns about the retry about to happen.
    /// A readonly struct: passing it allocates nothing.
    /// </summary>
    public readonly struct RetryAttempt
    {
        /// <summary>Creates the description.</summary>
        /// <param name="attemptNumber">The failed attempt, 1 for the first.</param>
        /// <param name="delay">The delay before the next attempt.</param>
        /// <param name="exception">What the attempt threw.</param>
        public RetryAttempt(int attemptNumber, TimeSpan delay, Exception exception)
        {
            AttemptNumber = attemptNumber;
            Delay = delay;
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
        }

        /// <summary>The failed attempt: 1 for the first attempt (the call itself), 2 for the first retry, …</summary>
        public int AttemptNumber { get; }

        /// <summary>The delay before the next attempt.</summary>
        public TimeSpan Delay { get; }

        /// <summary>What the attempt threw.</summary>
        public Exception Exception { get; }
    }
}
