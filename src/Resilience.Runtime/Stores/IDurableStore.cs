using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The durable store behind <see cref="IdempotentAttribute"/> and <see cref="CheckpointAttribute"/>: one record per key,
    /// claimed with a lease by one owner, completed with a payload that is then kept until it expires.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The protocol: <see cref="TryClaimAsync"/> either claims the key (a new record, or the takeover of a claim whose lease
    /// ran out, which increments <see cref="DurableClaim.Epoch"/>), or reports the completed record, a live claim held by
    /// someone else, or a fingerprint mismatch. The claimer then calls <see cref="CompleteAsync"/> or
    /// <see cref="ReleaseAsync"/> with the <see cref="DurableClaim"/> it received; both are fenced by owner and epoch, so a
    /// claimer whose claim was taken over can no longer change the record (<see cref="ClaimLostException"/>).
    /// </para>
    /// <para>
    /// Every record carries a SHA-256 checksum of its content (<see cref="DurableRecord.Checksum"/>). A durable store that
    /// reads a record whose checksum does not match throws <see cref="DurableRecordCorruptedException"/> naming the store,
    /// the key and the location; it never uses or discards such a record silently. A store that fails or cannot be reached
    /// throws <see cref="DurableStoreException"/> naming the store and the key.
    /// </para>
    /// <para>
    /// Times (leases, expiry) come from <see cref="TimeProvider"/>. Implementations are thread-safe.
    /// </para>
    /// </remarks>
    public interface IDurableStore
    {
        /// <summary>A name for messages and telemetry, e.g. <c>file:/var/lib/app/resilience</c>.</summary>
        string Name { get; }

        /// <summary>The clock that leases and expiry are measured with.</summary>
        TimeProvider TimeProvider { get; }

        /// <summary>Tries to claim <paramref name="key"/> for <paramref name="owner"/> for <paramref name="lease"/>.</summary>
        /// <param name="key">The record key.</param>
        /// <param name="fingerprint">A fingerprint of the arguments of the call that claims; a live record with another fingerprint is reported as <see cref="ClaimStatus.FingerprintMismatch"/>.</param>
        /// <param name="owner">A token unique to this claim attempt (see <see cref="DurableClaim.NewOwner"/>).</param>
        /// <param name="lease">How long the claim is held before another owner may take it over.</param>
        /// <param name="cancellationToken">Cancels the operation.</param>
        ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

        /// <summary>
        /// Completes a claim: stores <paramref name="payload"/> and keeps the record for <paramref name="timeToLive"/>.
        /// Throws <see cref="ClaimLostException"/> when the record is no longer held by <paramref name="claim"/>.
        /// </summary>
        /// <param name="claim">The claim returned by <see cref="TryClaimAsync"/>.</param>
        /// <param name="payload">The result to store.</param>
        /// <param name="timeToLive">How long the completed record is kept.</param>
        /// <param name="cancellationToken">Cancels the operation.</param>
        ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default);

        /// <summary>Gives a claim up (deletes the claimed record) so that the next caller may claim at once.</summary>
        /// <returns><see langword="true"/> when the claim was still held and is now released; <see langword="false"/> when it had been taken over or removed.</returns>
        ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default);

        /// <summary>Moves the lease of a held claim to <paramref name="lease"/> from now (for work that runs longer than expected).</summary>
        /// <returns><see langword="true"/> when the claim was still held; <see langword="false"/> when it had been taken over or removed.</returns>
        ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default);

        /// <summary>
        /// Reads a record: a completed one, or a claim (also one whose lease ended, which shows who crashed);
        /// <see langword="null"/> when there is none or the completed record expired.
        /// </summary>
        ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>Deletes a record whatever its state.</summary>
        /// <returns><see langword="true"/> when a record was deleted.</returns>
        ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

        /// <summary>
        /// Lists the records whose key starts with <paramref name="keyPrefix"/> (as <see cref="GetAsync"/> would return them:
        /// claims and unexpired completed records), ordered by key (ordinal). A corrupt record among them throws.
        /// </summary>
        ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default);

        /// <summary>Deletes completed records past their expiry and claims whose lease ended.</summary>
        /// <returns>The number of records deleted.</returns>
        ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default);
    }
}
