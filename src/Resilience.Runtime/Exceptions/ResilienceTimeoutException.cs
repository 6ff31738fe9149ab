using System;

namespace Resilience
{
    /// <summary>Thrown by <see cref="TimeoutAttribute"/> when an attempt did not finish in time.</summary>
    public sealed class ResilienceTimeoutException : TimeoutException
    {
        /// <summary>Creates the exception.</summary>
        public ResilienceTimeoutException(string policyName, TimeSpan timeout, Exception? innerException = null)
            : base($"Timeout policy '{policyName}' cancelled the call after {timeout.TotalMilliseconds:0} ms.", innerException)
        {
            PolicyName = policyName ?? throw new ArgumentNullException(nameof(policyName));
            Timeout = timeout;
        }

        /// <summary>The name of the policy (<c>Namespace.Type.Method</c>).</summary>
        public string PolicyName { get; }

        /// <summary>The timeout that elapsed.</summary>
        public TimeSpan Timeout { get; }
    }
}
