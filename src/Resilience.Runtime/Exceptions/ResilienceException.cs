using System;

namespace Resilience
{
    /// <summary>The base of the exceptions that policies throw themselves (as opposed to the implementation's own failures).</summary>
    public abstract class ResilienceException : Exception
    {
        /// <summary>Creates the exception.</summary>
        protected ResilienceException(string policyName, string message, Exception? innerException = null)
            : base(message, innerException)
        {
            PolicyName = policyName ?? throw new ArgumentNullException(nameof(policyName));
        }

        /// <summary>
        /// Creates the exception without a message: the derived type overrides <see cref="Exception.Message"/> and formats it
        /// only when read, so that throwing (for a caller that only catches) builds no string.
        /// </summary>
        protected ResilienceException(string policyName, Exception? innerException)
            : base(message: null, innerException)
        {
            PolicyName = policyName ?? throw new ArgumentNullException(nameof(policyName));
        }

        /// <summary>The name of the policy that threw: a breaker or bulkhead name, or <c>Namespace.Type.Method</c>.</summary>
        public string PolicyName { get; }
    }
}
