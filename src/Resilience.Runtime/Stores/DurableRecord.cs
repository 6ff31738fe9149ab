using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Resilience
{
    /// <summary>
    /// One record of an <see cref="IDurableStore"/>: a key claimed by an owner or completed with a payload, with the
    /// SHA-256 checksum of its content. Immutable.
    /// </summary>
    /// <remarks>
    /// Times are UTC and truncated to whole microseconds (the precision every store keeps), so that a checksum computed
    /// before a record is written matches the one computed after it is read back.
    /// </remarks>
    public sealed class DurableRecord
    {
        private const int ChecksumFormatVersion = 1;

        /// <summary>Creates a record and computes its checksum.</summary>
        public DurableRecord(
            string key,
            string fingerprint,
            DurableRecordState state,
            string owner,
            long epoch,
            DateTimeOffset createdAt,
            DateTimeOffset? leaseUntil,
            DateTimeOffset? expiresAt,
            ReadOnlyMemory<byte> payload)
            : this(key, fingerprint, state, owner, epoch, createdAt, leaseUntil, expiresAt, payload, checksum: null)
        {
        }

        /// <summary>Creates a record with the checksum read from storage; call <see cref="HasValidChecksum"/> to verify it.</summary>
        public DurableRecord(
            string key,
            string fingerprint,
            DurableRecordState state,
            string owner,
            long epoch,
            DateTimeOffset createdAt,
            DateTimeOffset? leaseUntil,
            DateTimeOffset? expiresAt,
            ReadOnlyMemory<byte> payload,
            string? checksum)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
            State = state;
            Owner = owner ?? throw new ArgumentNullException(nameof(owner));
            Epoch = epoch;
            CreatedAt = Normalize(createdAt);
            LeaseUntil = leaseUntil is { } lease ? Normalize(lease) : null;
            ExpiresAt = expiresAt is { } expires ? Normalize(expires) : null;
            Payload = payload;
            Checksum = checksum ?? ComputeChecksum();
        }

        /// <summary>The key.</summary>
        public string Key { get; }

        /// <summary>The fingerprint of the arguments of the call that claimed the key.</summary>
        public string Fingerprint { get; }

        /// <summary>Claimed or completed.</summary>
        public DurableRecordState State { get; }

        /// <summary>The owner token of the claim (kept after completion, for diagnostics).</summary>
        public string Owner { get; }

        /// <summary>The claim's epoch: 1 for the first claim, incremented by each takeover.</summary>
        public long Epoch { get; }

        /// <summary>When the current claim was made.</summary>
        public DateTimeOffset CreatedAt { get; }

        /// <summary>When the claim's lease ends (<see langword="null"/> once completed).</summary>
        public DateTimeOffset? LeaseUntil { get; }

        /// <summary>When the completed record expires (<see langword="null"/> while claimed).</summary>
        public DateTimeOffset? ExpiresAt { get; }

        /// <summary>The stored result (empty while claimed).</summary>
        public ReadOnlyMemory<byte> Payload { get; }

        /// <summary>The lowercase hex SHA-256 checksum of every other property.</summary>
        public string Checksum { get; }

        /// <summary>Whether <see cref="Checksum"/> matches the content.</summary>
        public bool HasValidChecksum() => string.Equals(Checksum, ComputeChecksum(), StringComparison.Ordinal);

        /// <summary>Whether the record no longer counts at <paramref name="now"/>: a completed record past its expiry or a claim past its lease.</summary>
        public bool IsExpired(DateTimeOffset now) =>
            State == DurableRecordState.Completed ? ExpiresAt is { } expires && expires <= now : LeaseUntil is not { } lease || lease <= now;

        /// <summary>
        /// The claim rule every store applies to an existing record: <see langword="null"/> when the caller may claim
        /// (the record expired or its lease ended), otherwise the result to report.
        /// </summary>
        public ClaimResult? Evaluate(string fingerprint, DateTimeOffset now)
        {
            if (IsExpired(now))
            {
                return null;
            }

            if (!string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                return ClaimResult.FingerprintMismatch(this);
            }

            return State == DurableRecordState.Completed ? ClaimResult.Completed(this) : ClaimResult.HeldByOther(this);
        }

        /// <summary>Whether this record is the claimed record of <paramref name="claim"/> (same owner and epoch, not completed).</summary>
        public bool IsHeldBy(in DurableClaim claim) =>
            State == DurableRecordState.Claimed && Epoch == claim.Epoch && string.Equals(Owner, claim.Owner, StringComparison.Ordinal);

        /// <summary>UTC, truncated to whole microseconds.</summary>
        public static DateTimeOffset Normalize(DateTimeOffset value)
        {
            long ticks = value.UtcTicks;
            return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
        }

        private string ComputeChecksum()
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> number = stackalloc byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(number, ChecksumFormatVersion);
            hash.AppendData(number.Slice(0, 4));
            AppendString(hash, Key);
            AppendString(hash, Fingerprint);
            AppendInt64(hash, (long)State);
            AppendString(hash, Owner);
            AppendInt64(hash, Epoch);
            AppendInt64(hash, CreatedAt.UtcTicks);
            AppendInt64(hash, LeaseUntil?.UtcTicks ?? -1);
            AppendInt64(hash, ExpiresAt?.UtcTicks ?? -1);
            AppendInt64(hash, Payload.Length);
            hash.AppendData(Payload.Span);
            Span<byte> digest = stackalloc byte[32];
            hash.GetHashAndReset(digest);
            return Hex.ToLower(digest);
        }

        private static void AppendInt64(IncrementalHash hash, long value)
        {
            Span<byte> buffer = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
            hash.AppendData(buffer);
        }

        private static void AppendString(IncrementalHash hash, string value)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(value);
            AppendInt64(hash, bytes.Length);
            hash.AppendData(bytes);
        }
    }
}
