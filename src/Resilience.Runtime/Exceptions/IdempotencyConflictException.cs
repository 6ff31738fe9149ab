using System;

namespace Resilience
{
    /// <summary>
    /// Thrown by <see cref="IdempotentAttribute"/> when another call holds the key and has not finished
    /// (<see cref="ConcurrentDuplicateBehavior.Throw"/>, or the wait for it ran out).
    /// </summary>
    public sealed class IdempotencyConflictException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public IdempotencyConflictException(string policyName, string key, string message)
            : base(policyName, message)
        {
            Key = key;
        }

        /// <summary>The contested key.</summary>
        public string Key { get; }
    }
}
