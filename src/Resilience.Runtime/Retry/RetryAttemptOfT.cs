using System;

namespace Resilience
{
    /// <summary>
    /// What a <see cref="RetryAttribute.OnRetry"/> callback of a method that returns <typeparamref name="TResult"/> learns
    /// about the retry about to happen. A readonly struct: passing it allocates nothing.
    /// </summary>
    /// <typeparam name="TResult">The method's result type.</typeparam>
    public readonly struct RetryAttempt<TResult>
    {
        /// <summary>Creates the description.</summary>
        /// <param name="attemptNumber">The failed attempt, 1 for the first.</param>
        /// <param name="delay">The delay before the next attempt.</param>
        /// <param name="exception">What the attempt threw; <see langword="null"/> when its result was handled as a failure.</param>
        /// <param name="result">The handled result; <see langword="default"/> when the attempt threw.</param>
        public RetryAttempt(int attemptNumber, TimeSpan delay, Exception? exception, TResult result)
        {
            AttemptNumber = attemptNumber;
            Delay = delay;
            Exception = exception;
            Result = result;
        }

        /// <summary>The failed attempt: 1 for the first attempt (the call itself), 2 for the first retry, …</summary>
        public int AttemptNumber { get; }

        /// <summary>The delay before the next attempt (the computed one, or the server's <c>Retry-After</c>).</summary>
        public TimeSpan Delay { get; }

        /// <summary>What the attempt threw; <see langword="null"/> when its result was handled as a failure.</summary>
        public Exception? Exception { get; }

        /// <summary>The result handled as a failure; <see langword="default"/> when the attempt threw.</summary>
        /// <remarks>An <c>HttpResponseMessage</c> is disposed right after the callback returns; do not keep it.</remarks>
        public TResult Result { get; }
    }
}
