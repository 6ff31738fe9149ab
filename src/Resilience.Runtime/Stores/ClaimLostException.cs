using System;

namespace Resilience
{
    /// <summary>
    /// Thrown when an owner completes a claim it no longer holds: its lease ended and another owner took the key over
    /// (a higher epoch), or the record was deleted. The late result is rejected (fencing by owner and epoch).
    /// </summary>
    public sealed class ClaimLostException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public ClaimLostException(string storeName, DurableClaim claim, DurableRecord? current)
            : base(storeName, CreateMessage(storeName, claim, current))
        {
            Key = claim.Key;
            Owner = claim.Owner;
            Epoch = claim.Epoch;
            CurrentOwner = current?.Owner;
            CurrentEpoch = current?.Epoch;
        }

        /// <summary>The store's name (also <see cref="ResilienceException.PolicyName"/>).</summary>
        public string StoreName => PolicyName;

        /// <summary>The key.</summary>
        public string Key { get; }

        /// <summary>The owner that lost the claim.</summary>
        public string Owner { get; }

        /// <summary>The epoch of the lost claim.</summary>
        public long Epoch { get; }

        /// <summary>The owner that holds the record now, if any.</summary>
        public string? CurrentOwner { get; }

        /// <summary>The record's epoch now, if any.</summary>
        public long? CurrentEpoch { get; }

        private static string CreateMessage(string storeName, DurableClaim claim, DurableRecord? current) =>
            current is null
                ? $"Claim on '{DurableKeys.Shorten(claim.Key)}' in durable store '{storeName}' (owner {claim.Owner}, epoch {claim.Epoch}) was lost: the record no longer exists."
                : $"Claim on '{DurableKeys.Shorten(claim.Key)}' in durable store '{storeName}' (owner {claim.Owner}, epoch {claim.Epoch}) was lost: the record is {current.State.ToString().ToLowerInvariant()} by owner {current.Owner} at epoch {current.Epoch}.";
    }
}
