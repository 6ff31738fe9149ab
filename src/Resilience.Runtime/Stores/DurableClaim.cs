using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// A held claim on a key: what <see cref="IDurableStore.CompleteAsync"/>, <see cref="IDurableStore.ReleaseAsync"/> and
    /// <see cref="IDurableStore.ExtendLeaseAsync"/> are fenced with (owner and epoch must still match the record).
    /// </summary>
    public readonly struct DurableClaim : IEquatable<DurableClaim>
    {
        private static readonly string s_processOwner = CreateProcessOwner();
        private static long s_ownerSequence;

        /// <summary>Creates a claim token.</summary>
        public DurableClaim(string key, string fingerprint, string owner, long epoch, DateTimeOffset claimedAt, DateTimeOffset leaseUntil)
        {
            Key = key ?? throw new ArgumentNullException(nameof(key));
            Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
            Owner = owner ?? throw new ArgumentNullException(nameof(owner));
            Epoch = epoch;
            ClaimedAt = claimedAt;
            LeaseUntil = leaseUntil;
        }

        /// <summary>The claimed key.</summary>
        public string Key { get; }

        /// <summary>The fingerprint the key was claimed with.</summary>
        public string Fingerprint { get; }

        /// <summary>The owner token of this claim attempt.</summary>
        public string Owner { get; }

        /// <summary>Incremented each time a claim is taken over after its lease ended; starts at 1.</summary>
        public long Epoch { get; }

        /// <summary>When the claim was made.</summary>
        public DateTimeOffset ClaimedAt { get; }

        /// <summary>When the lease ends (as of the claim).</summary>
        public DateTimeOffset LeaseUntil { get; }

        /// <summary>
        /// Returns an owner token unique to one claim attempt: the machine, the process and a sequence number
        /// (so that even two claims of one process can be told apart).
        /// </summary>
        public static string NewOwner() =>
            string.Concat(s_processOwner, Interlocked.Increment(ref s_ownerSequence).ToString(CultureInfo.InvariantCulture));

        /// <inheritdoc/>
        public bool Equals(DurableClaim other) =>
            string.Equals(Key, other.Key, StringComparison.Ordinal) && string.Equals(Owner, other.Owner, StringComparison.Ordinal) && Epoch == other.Epoch;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is DurableClaim other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => HashCode.Combine(Key, Owner, Epoch);

        /// <summary>Compares two claims by key, owner and epoch.</summary>
        public static bool operator ==(DurableClaim left, DurableClaim right) => left.Equals(right);

        /// <summary>Compares two claims by key, owner and epoch.</summary>
        public static bool operator !=(DurableClaim left, DurableClaim right) => !left.Equals(right);

        /// <inheritdoc/>
        public override string ToString() => $"{Key} (owner {Owner}, epoch {Epoch})";

        private static string CreateProcessOwner()
        {
            Span<byte> random = stackalloc byte[6];
            System.Security.Cryptography.RandomNumberGenerator.Fill(random);
            return string.Concat(
                Environment.MachineName, "/",
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture), "/",
                Convert.ToBase64String(random).Replace('/', '_').Replace('+', '-'), "/");
        }
    }
}
