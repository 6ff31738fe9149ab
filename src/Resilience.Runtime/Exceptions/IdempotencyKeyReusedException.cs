using System;

namespace Resilience
{
    /// <summary>Thrown by <see cref="IdempotentAttribute"/> when a key already stored for other arguments is used again.</summary>
    public sealed class IdempotencyKeyReusedException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public IdempotencyKeyReusedException(string policyName, string key)
            : base(policyName, $"Idempotency key '{DurableKeys.Shorten(key)}' of '{policyName}' was already used with different arguments.")
        {
            Key = key;
        }

        /// <summary>The reused key.</summary>
        public string Key { get; }
    }
}
