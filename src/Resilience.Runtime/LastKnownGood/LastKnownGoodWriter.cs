using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The write-behind queue of every <see cref="LastKnownGoodPolicy"/>: a success only puts its value in a dictionary keyed by
    /// (store, policy, key) — replacing any value of the same key still waiting — and, when no drain is scheduled, queues this
    /// object on the thread pool (no allocation: it is its own work item), which writes after a <see cref="BatchWindow"/>. One drain at a time writes the waiting values,
    /// newest per key, so a key's writes never overtake each other.
    /// </summary>
    /// <remarks>
    /// What a crash loses: the values still waiting here (the successes since the last drain, at most the last
    /// <see cref="BatchWindow"/> plus the time of one round of writes). The store then holds an older value of those keys, or none. The process-exit hook and
    /// <see cref="LastKnownGoodPolicy.FlushAsync"/> write them on an orderly shutdown.
    /// </remarks>
    internal sealed class LastKnownGoodWriter : IThreadPoolWorkItem
    {
        public static readonly LastKnownGoodWriter Instance = new();

        /// <summary>
        /// How long a scheduled drain waits before writing, so that a key succeeding many times a second is written once per
        /// window (the newest value) instead of once per call. Wall-clock time on purpose: it is a batching window, not a
        /// semantic delay, and <see cref="LastKnownGoodPolicy.FlushAsync"/> writes at once.
        /// </summary>
        internal static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(100);

        private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan s_exitFlushBound = TimeSpan.FromSeconds(2);

        private readonly ConcurrentDictionary<PendingKey, PendingWrite> _pending = new();
        private readonly SemaphoreSlim _drainLock = new(1, 1);
        private int _scheduled;

        private LastKnownGoodWriter()
        {
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => Instance.FlushOnExit();
        }

        public bool IsIdle => _pending.IsEmpty && Volatile.Read(ref _scheduled) == 0;

        public void Enqueue(PendingWrite write)
        {
            _pending[new PendingKey(write.Store, write.Policy, write.Key)] = write;
            if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
        }

        public PendingWrite? Peek(IDurableStore store, LastKnownGoodPolicy policy, string key) =>
            _pending.TryGetValue(new PendingKey(store, policy, key), out PendingWrite? write) ? write : null;

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            await _drainLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await DrainUnderLockAsync().ConfigureAwait(false);
            }
            finally
            {
                _drainLock.Release();
            }
        }

        void IThreadPoolWorkItem.Execute() => _ = RunScheduledDrainAsync();

        private async Task RunScheduledDrainAsync()
        {
            await Task.Delay(BatchWindow).ConfigureAwait(false);
            await _drainLock.WaitAsync().ConfigureAwait(false);
            try
            {
                // Reset before draining: a success that arrives during the drain schedules another one.
                Volatile.Write(ref _scheduled, 0);
                await DrainUnderLockAsync().ConfigureAwait(false);
            }
            finally
            {
                _drainLock.Release();
            }
        }

        private async Task DrainUnderLockAsync()
        {
            foreach (KeyValuePair<PendingKey, PendingWrite> pair in _pending)
            {
                if (_pending.TryRemove(pair.Key, out PendingWrite? write))
                {
                    await WriteAsync(write).ConfigureAwait(false);
                }
            }
        }

        private static async Task WriteAsync(PendingWrite write)
        {
            LastKnownGoodPolicy policy = write.Policy;
            IDurableStore store = write.Store;
            string storeKey = policy.GetStoreKey(write.Key);
            try
            {
                byte[] payload = write.Encode();
                // Kept twice the maximum age, so that a value too old to serve is still seen (and reported as too old).
                TimeSpan timeToLive = TimeSpan.FromSeconds(2.0 * policy.Options.MaxAgeSeconds);
                string owner = DurableClaim.NewOwner();
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    ClaimResult claim = await store.TryClaimAsync(storeKey, LastKnownGoodPolicy.RecordFingerprint, owner, s_lease).ConfigureAwait(false);
                    switch (claim.Status)
                    {
                        case ClaimStatus.Claimed:
                            await store.CompleteAsync(claim.Claim, payload, timeToLive).ConfigureAwait(false);
                            return;
                        case ClaimStatus.HeldByOther:
                            // Another process is writing this key right now: its value is as fresh as ours.
                            return;
                        default:
                            // The previous value: replace it.
                            await store.DeleteAsync(storeKey).ConfigureAwait(false);
                            break;
                    }
                }
            }
            catch (Exception ex)
            {
                DegradationTelemetry.OnWriteFailed(policy.Name, storeKey, store.Name, ex);
            }
        }

        private void FlushOnExit()
        {
            if (!IsIdle)
            {
                try
                {
                    FlushAsync(CancellationToken.None).Wait(s_exitFlushBound);
                }
                catch (AggregateException)
                {
                    // Every write failure is already logged; the process is exiting.
                }
            }
        }

        private readonly record struct PendingKey(IDurableStore Store, LastKnownGoodPolicy Policy, string Key);
    }

    /// <summary>One value waiting to be written.</summary>
    internal abstract class PendingWrite
    {
        protected PendingWrite(LastKnownGoodPolicy policy, IDurableStore store, string key, DateTimeOffset succeededAt)
        {
            Policy = policy;
            Store = store;
            Key = key;
            SucceededAt = succeededAt;
        }

        public LastKnownGoodPolicy Policy { get; }

        public IDurableStore Store { get; }

        public string Key { get; }

        public DateTimeOffset SucceededAt { get; }

        public abstract byte[] Encode();
    }

    /// <summary>A waiting value of type <typeparamref name="TResult"/>; serialized only when written.</summary>
    internal sealed class PendingWrite<TResult> : PendingWrite
    {
        public PendingWrite(LastKnownGoodPolicy policy, IDurableStore store, string key, DateTimeOffset succeededAt, TResult value)
            : base(policy, store, key, succeededAt)
        {
            Value = value;
        }

        public TResult Value { get; }

        public override byte[] Encode() => LastKnownGoodPayload.Encode(SucceededAt, ResilienceJson.Serialize(Value));
    }
}
