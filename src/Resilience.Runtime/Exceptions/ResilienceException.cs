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

        /// <summary>The name of the policy that threw: a breaker or bulkhead name, or <c>Namespace.Type.Method</c>.</summary>
        public string PolicyName { get; }
    }
}
