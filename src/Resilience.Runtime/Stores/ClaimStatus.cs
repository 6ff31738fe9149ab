namespace Resilience
{
    /// <summary>The outcome of <see cref="IDurableStore.TryClaimAsync"/>.</summary>
    public enum ClaimStatus
    {
        /// <summary>The caller now holds the key (<see cref="ClaimResult.Claim"/>).</summary>
        Claimed = 0,

        /// <summary>The key has a completed, unexpired record with the same fingerprint (<see cref="ClaimResult.Record"/>).</summary>
        Completed = 1,

        /// <summary>Another owner holds a live claim with the same fingerprint until <see cref="ClaimResult.HeldUntil"/>.</summary>
        HeldByOther = 2,

        /// <summary>The key has a live record (claimed or completed) with a different fingerprint (<see cref="ClaimResult.Record"/>).</summary>
        FingerprintMismatch = 3,
    }
}
