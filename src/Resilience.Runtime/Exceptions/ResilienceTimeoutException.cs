using System;

namespace Resilience
{
    /// <summary>Thrown by <see cref="TimeoutAttribute"/> when an attempt did not finish in time.</summary>
    public sealed class ResilienceTimeoutException : TimeoutException
    {
        /// <summary>Creates the exception.</summary>
        public ResilienceTimeoutException(string policyName, TimeSpan timeout, Exception? innerException = null)
            : base(message: null, innerException)
        {
            PolicyName = policyName ?? throw new ArgumentNullException(nameof(policyName));
            Timeout = timeout;
        }

        // Formatted on first read only: a retried or caught timeout builds no string.
        private string? _message;

        /// <inheritdoc/>
        public override string Message =>
            _message ??= $"Timeout policy '{PolicyName}' cancelled the call after {Timeout.TotalMilliseconds:0} ms.";

        /// <summary>The name of the policy (<c>Namespace.Type.Method</c>).</summary>
        public string PolicyName { get; }

        /// <summary>The timeout that elapsed.</summary>
        public TimeSpan Timeout { get; }
    }
}
