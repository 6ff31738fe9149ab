using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// An <see cref="IDurableStore"/> in process memory (the default store): the same claim, lease, fencing and expiry
    /// semantics as the durable stores, lost when the process ends. Lock-free: every change is a compare-and-swap of an
    /// immutable <see cref="DurableRecord"/>.
    /// </summary>
    /// <remarks>Checksums are computed for every record but not verified on read: memory is not a medium that rots.</remarks>
    public sealed class InMemoryDurableStore : IDurableStore
    {
        private readonly ConcurrentDictionary<string, DurableRecord> _records = new(StringComparer.Ordinal);
        private readonly TimeProvider? _timeProvider;

        /// <summary>Creates an empty store.</summary>
        /// <param name="timeProvider">The clock; <see langword="null"/> uses <see cref="ResilienceRuntime.TimeProvider"/> at each operation.</param>
        public InMemoryDurableStore(TimeProvider? timeProvider = null)
        {
            _timeProvider = timeProvider;
        }

        /// <inheritdoc/>
        public string Name => "in-memory";

        /// <inheritdoc/>
        public TimeProvider TimeProvider => _timeProvider ?? ResilienceRuntime.TimeProvider;

        /// <summary>The number of records held, expired ones included.</summary>
        public int Count => _records.Count;

        /// <inheritdoc/>
        public ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(fingerprint);
            ArgumentNullException.ThrowIfNull(owner);
            cancellationToken.ThrowIfCancellationRequested();
            while (true)
            {
                DateTimeOffset now = TimeProvider.GetUtcNow();
                if (_records.TryGetValue(key, out DurableRecord? existing))
                {
                    if (existing.Evaluate(fingerprint, now) is { } result)
                    {
                        return new ValueTask<ClaimResult>(result);
                    }

                    DurableRecord takeover = NewClaim(key, fingerprint, owner, existing.Epoch + 1, now, lease);
                    if (_records.TryUpdate(key, takeover, existing))
                    {
                        return new ValueTask<ClaimResult>(ClaimResult.Claimed(ToClaim(takeover)));
                    }
                }
                else
                {
                    DurableRecord created = NewClaim(key, fingerprint, owner, 1, now, lease);
                    if (_records.TryAdd(key, created))
                    {
                        return new ValueTask<ClaimResult>(ClaimResult.Claimed(ToClaim(created)));
                    }
                }
            }
        }

        /// <inheritdoc/>
        public ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] copy = payload.ToArray();
            while (true)
            {
                if (!_records.TryGetValue(claim.Key, out DurableRecord? existing) || !existing.IsHeldBy(claim))
                {
                    throw new ClaimLostException(Name, claim, existing);
                }

                DateTimeOffset now = TimeProvider.GetUtcNow();
                var completed = new DurableRecord(
                    claim.Key, existing.Fingerprint, DurableRecordState.Completed, claim.Owner, claim.Epoch,
                    existing.CreatedAt, leaseUntil: null, expiresAt: now + timeToLive, copy);
                if (_records.TryUpdate(claim.Key, completed, existing))
                {
                    return new ValueTask<DurableRecord>(completed);
                }
            }
        }

        /// <inheritdoc/>
        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default)
        {
            while (_records.TryGetValue(claim.Key, out DurableRecord? existing) && existing.IsHeldBy(claim))
            {
                if (_records.TryRemove(new KeyValuePair<string, DurableRecord>(claim.Key, existing)))
                {
                    return new ValueTask<bool>(true);
                }
            }

            return new ValueTask<bool>(false);
        }

        /// <inheritdoc/>
        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            while (_records.TryGetValue(claim.Key, out DurableRecord? existing) && existing.IsHeldBy(claim))
            {
                var extended = new DurableRecord(
                    existing.Key, existing.Fingerprint, existing.State, existing.Owner, existing.Epoch,
                    existing.CreatedAt, TimeProvider.GetUtcNow() + lease, null, existing.Payload);
                if (_records.TryUpdate(claim.Key, extended, existing))
                {
                    return new ValueTask<bool>(true);
                }
            }

            return new ValueTask<bool>(false);
        }

        /// <inheritdoc/>
        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            return new ValueTask<DurableRecord?>(
                _records.TryGetValue(key, out DurableRecord? record) && !IsGone(record, TimeProvider.GetUtcNow()) ? record : null);
        }

        /// <inheritdoc/>
        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            return new ValueTask<bool>(_records.TryRemove(key, out _));
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(keyPrefix);
            DateTimeOffset now = TimeProvider.GetUtcNow();
            var list = new List<DurableRecord>();
            foreach (KeyValuePair<string, DurableRecord> pair in _records)
            {
                if (pair.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && !IsGone(pair.Value, now))
                {
                    list.Add(pair.Value);
                }
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new ValueTask<IReadOnlyList<DurableRecord>>(list);
        }

        /// <inheritdoc/>
        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
        {
            DateTimeOffset now = TimeProvider.GetUtcNow();
            int purged = 0;
            foreach (KeyValuePair<string, DurableRecord> pair in _records)
            {
                if (pair.Value.IsExpired(now) && _records.TryRemove(pair))
                {
                    purged++;
                }
            }

            return new ValueTask<int>(purged);
        }

        // A claim whose lease ended is still visible (it tells who crashed); only expired completed records are gone.
        internal static bool IsGone(DurableRecord record, DateTimeOffset now) =>
            record.State == DurableRecordState.Completed && record.IsExpired(now);

        private static DurableRecord NewClaim(string key, string fingerprint, string owner, long epoch, DateTimeOffset now, TimeSpan lease) =>
            new(key, fingerprint, DurableRecordState.Claimed, owner, epoch, now, now + lease, null, ReadOnlyMemory<byte>.Empty);

        internal static DurableClaim ToClaim(DurableRecord record) =>
            new(record.Key, record.Fingerprint, record.Owner, record.Epoch, record.CreatedAt, record.LeaseUntil ?? record.CreatedAt);
    }
}
