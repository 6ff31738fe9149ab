using System;

namespace Resilience
{
    /// <summary>Thrown without calling the implementation while a <see cref="CircuitBreakerAttribute"/> breaker is open or isolated.</summary>
    public sealed class CircuitBreakerOpenException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="breakerName">The breaker's name.</param>
        /// <param name="retryAfter">Time until the breaker lets a trial call through; <see cref="TimeSpan.Zero"/> when it is half-open and busy, <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> when isolated.</param>
        public CircuitBreakerOpenException(string breakerName, TimeSpan retryAfter)
            : base(breakerName, innerException: null)
        {
            RetryAfter = retryAfter;
        }

        // Rejections are thrown far more often than their message is read: format it on first read only.
        private string? _message;

        /// <inheritdoc/>
        public override string Message => _message ??= CreateMessage(PolicyName, RetryAfter);

        /// <summary>The breaker's name.</summary>
        public string BreakerName => PolicyName;

        /// <summary>Time until the breaker lets a trial call through.</summary>
        public TimeSpan RetryAfter { get; }

        internal static string CreateMessage(string breakerName, TimeSpan retryAfter) =>
            retryAfter == System.Threading.Timeout.InfiniteTimeSpan
                ? $"Circuit breaker '{breakerName}' is isolated; calls are rejected until it is reset."
                : $"Circuit breaker '{breakerName}' is open; calls are rejected for another {retryAfter.TotalMilliseconds:0} ms.";
    }
}
