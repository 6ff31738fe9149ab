using System;

namespace Resilience
{
    /// <summary>The outcome of <see cref="IDurableStore.TryClaimAsync"/>.</summary>
    public readonly struct ClaimResult
    {
        private ClaimResult(ClaimStatus status, DurableClaim claim, DurableRecord? record, DateTimeOffset heldUntil)
        {
            Status = status;
            Claim = claim;
            Record = record;
            HeldUntil = heldUntil;
        }

        /// <summary>What happened.</summary>
        public ClaimStatus Status { get; }

        /// <summary>The claim now held (when <see cref="Status"/> is <see cref="ClaimStatus.Claimed"/>).</summary>
        public DurableClaim Claim { get; }

        /// <summary>The existing record (when <see cref="Status"/> is <see cref="ClaimStatus.Completed"/>, <see cref="ClaimStatus.HeldByOther"/> or <see cref="ClaimStatus.FingerprintMismatch"/>).</summary>
        public DurableRecord? Record { get; }

        /// <summary>When the other owner's lease ends (when <see cref="Status"/> is <see cref="ClaimStatus.HeldByOther"/>).</summary>
        public DateTimeOffset HeldUntil { get; }

        /// <summary>The key is now claimed by the caller.</summary>
        public static ClaimResult Claimed(DurableClaim claim) => new(ClaimStatus.Claimed, claim, null, claim.LeaseUntil);

        /// <summary>The key has a completed record.</summary>
        public static ClaimResult Completed(DurableRecord record) =>
            new(ClaimStatus.Completed, default, record ?? throw new ArgumentNullException(nameof(record)), default);

        /// <summary>Another owner holds the key until <paramref name="record"/>'s lease ends.</summary>
        public static ClaimResult HeldByOther(DurableRecord record) =>
            new(ClaimStatus.HeldByOther, default, record ?? throw new ArgumentNullException(nameof(record)), record.LeaseUntil ?? default);

        /// <summary>The key has a live record with another fingerprint.</summary>
        public static ClaimResult FingerprintMismatch(DurableRecord record) =>
            new(ClaimStatus.FingerprintMismatch, default, record ?? throw new ArgumentNullException(nameof(record)), record.LeaseUntil ?? default);
    }
}
