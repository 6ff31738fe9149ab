// Generated code drives this type. The shape it emits for
//   [Idempotent(Key = "{service}:{incident.Id}")] public partial Task<Receipt> ScaleAsync(string service, Incident incident, CancellationToken ct);
// is (one static policy per method; `store` is `((IHasResilienceStore)this).ResilienceStore` when the containing type
// implements IHasResilienceStore, otherwise `null` for ResilienceStores.Default):
//
//   private static readonly IdempotencyPolicy s_scaleAsyncIdempotency = new("MyApp.Agent.ScaleAsync",
//       new IdempotencyOptions { TtlSeconds = 86400, LeaseSeconds = 300, OnConcurrentDuplicate = ConcurrentDuplicateBehavior.Wait });
//
//   public partial async Task<Receipt> ScaleAsync(string service, Incident incident, CancellationToken ct)
//   {
//       string key = string.Concat(service, ":", incident.Id.ToString(CultureInfo.InvariantCulture));
//       var fingerprint = new ArgumentFingerprint();
//       fingerprint.Add(service);
//       fingerprint.Add(incident);
//       IdempotencyClaim<Receipt> claim = await s_scaleAsyncIdempotency.BeginAsync<Receipt>(null, key, fingerprint.ToHexString(), ct).ConfigureAwait(false);
//       if (claim.IsReplay)
//       {
//           return claim.Result;
//       }
//
//       Receipt result;
//       try
//       {
//           result = await ScaleAsyncCore(service, incident, ct).ConfigureAwait(false); // or the next policy inward
//       }
//       catch
//       {
//           await claim.ReleaseAsync().ConfigureAwait(false); // never throws, so the original exception propagates
//           throw;
//       }
//
//       await claim.CompleteAsync(result).ConfigureAwait(false);
//       return result;
//   }
//
// Without a Key template the key is the fingerprint itself: `string fp = fingerprint.ToHexString(); ...BeginAsync<T>(null, fp, fp, ct)`
// (the policy name is part of the stored key, so it already carries the method identity).
// Sync methods use Begin<T>/Complete/Release; `void`, Task and ValueTask methods use the non-generic Begin/BeginAsync returning
// IdempotencyClaim, whose CompleteAsync()/Complete() take no result.
using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <see cref="IdempotentAttribute"/>: its name and current options. Generated code holds one
    /// instance per annotated method in a static field and calls <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/>
    /// (or a sibling) once per call.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Semantics, after Stripe's idempotency keys and the IETF Idempotency-Key draft, adapted to in-process calls: the first
    /// call with a key claims it with a lease of <see cref="IdempotencyOptions.LeaseSeconds"/> and runs; its successful
    /// result is stored (System.Text.Json, <see cref="ResilienceJson.Options"/>) for <see cref="IdempotencyOptions.TtlSeconds"/>;
    /// later calls with the key return the stored result without running. A failure releases the claim, so the next call
    /// runs again. A call that finds the key claimed by a running call waits for its outcome (polling with backoff on the
    /// store's clock, bounded by the lease) or, with <see cref="ConcurrentDuplicateBehavior.Throw"/>, throws
    /// <see cref="IdempotencyConflictException"/>. A claim whose lease ended (its process crashed) is taken over; the old
    /// owner's late completion is then rejected with <see cref="ClaimLostException"/>. The same key with a different
    /// argument fingerprint throws <see cref="IdempotencyKeyReusedException"/>.
    /// </para>
    /// <para>
    /// Keys are stored as <c>idempotency:&lt;policy name&gt;:&lt;key&gt;</c>, so equal keys of different methods never meet.
    /// The store is, in order: the one passed by generated code (the instance's <see cref="IHasResilienceStore.ResilienceStore"/>),
    /// this policy's <see cref="Store"/>, then <see cref="ResilienceStores.Default"/>. A failing store throws
    /// <see cref="DurableStoreException"/> and the method does not run.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class IdempotencyPolicy : ConfigurablePolicy<IdempotencyOptions>
    {
        /// <summary>The prefix of every key this policy kind stores.</summary>
        public const string KeyPrefix = "idempotency:";

        private static readonly TimeSpan s_firstPollDelay = TimeSpan.FromMilliseconds(10);
        private static readonly TimeSpan s_maxPollDelay = TimeSpan.FromSeconds(1);

        private readonly string _storeKeyPrefix;
        private IDurableStore? _store;

        /// <summary>Creates the policy and validates <paramref name="options"/>.</summary>
        /// <param name="name">The policy name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="options">The attribute's values.</param>
        public IdempotencyPolicy(string name, IdempotencyOptions options)
            : base(name, options)
        {
            _storeKeyPrefix = string.Concat(KeyPrefix, name, ":");
        }

        /// <summary>A store for this policy (between the instance's and <see cref="ResilienceStores.Default"/>); <see langword="null"/> by default.</summary>
        public IDurableStore? Store
        {
            get => Volatile.Read(ref _store);
            set => Volatile.Write(ref _store, value);
        }

        private protected override void Validate(IdempotencyOptions options) => options.Validate(Name);

        /// <summary>The key under which <paramref name="key"/> is stored: <c>idempotency:&lt;name&gt;:&lt;key&gt;</c>.</summary>
        public string GetStoreKey(string key) => string.Concat(_storeKeyPrefix, key);

        /// <summary>Claims <paramref name="key"/> in the default store, or returns the stored result (see <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/>).</summary>
        public ValueTask<IdempotencyClaim<TResult>> BeginAsync<TResult>(string key, string fingerprint, CancellationToken cancellationToken = default) =>
            BeginAsync<TResult>(null, key, fingerprint, cancellationToken);

        /// <summary>
        /// Claims <paramref name="key"/> or returns the stored result of an earlier call with it. Waits for (or, with
        /// <see cref="ConcurrentDuplicateBehavior.Throw"/>, rejects) a concurrent call holding the key.
        /// </summary>
        /// <param name="store">The instance's store; <see langword="null"/> for <see cref="Store"/> or <see cref="ResilienceStores.Default"/>.</param>
        /// <param name="key">The idempotency key (from the <c>Key</c> template, or the fingerprint).</param>
        /// <param name="fingerprint">The arguments' fingerprint (<see cref="ArgumentFingerprint.ToHexString"/>).</param>
        /// <param name="cancellationToken">Cancels the claim and the wait.</param>
        /// <exception cref="IdempotencyKeyReusedException">The key is held or stored for other arguments.</exception>
        /// <exception cref="IdempotencyConflictException">Another call holds the key (<see cref="ConcurrentDuplicateBehavior.Throw"/>, or the wait ran out).</exception>
        /// <exception cref="DurableStoreException">The store failed; the method must not run.</exception>
        public async ValueTask<IdempotencyClaim<TResult>> BeginAsync<TResult>(IDurableStore? store, string key, string fingerprint, CancellationToken cancellationToken = default)
        {
            // Fail before claiming (and before the method runs) when the result can never be stored exactly, or the resolver
            // has no contract for it (an AOT source-generated context that lacks the type).
            EnsureStorable<TResult>();
            Acquired acquired = await AcquireAsync(store, key, fingerprint, cancellationToken).ConfigureAwait(false);
            return acquired.Replay is { } record
                ? new IdempotencyClaim<TResult>(this, acquired.Store, ReadResult<TResult>(acquired.Store, record))
                : new IdempotencyClaim<TResult>(this, acquired.Store, acquired.Claim, acquired.TimeToLive);
        }

        /// <summary>The synchronous form of <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/> for methods that return <typeparamref name="TResult"/>.</summary>
        public IdempotencyClaim<TResult> Begin<TResult>(string key, string fingerprint, CancellationToken cancellationToken = default) =>
            Begin<TResult>(null, key, fingerprint, cancellationToken);

        /// <summary>The synchronous form of <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/> for methods that return <typeparamref name="TResult"/>.</summary>
        public IdempotencyClaim<TResult> Begin<TResult>(IDurableStore? store, string key, string fingerprint, CancellationToken cancellationToken = default)
        {
            EnsureStorable<TResult>();
            Acquired acquired = Wait(AcquireAsync(store, key, fingerprint, cancellationToken));
            return acquired.Replay is { } record
                ? new IdempotencyClaim<TResult>(this, acquired.Store, ReadResult<TResult>(acquired.Store, record))
                : new IdempotencyClaim<TResult>(this, acquired.Store, acquired.Claim, acquired.TimeToLive);
        }

        /// <summary>The form of <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/> for <see cref="Task"/> and <see cref="ValueTask"/> methods (no result is stored).</summary>
        public ValueTask<IdempotencyClaim> BeginAsync(string key, string fingerprint, CancellationToken cancellationToken = default) =>
            BeginAsync(null, key, fingerprint, cancellationToken);

        /// <summary>The form of <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/> for <see cref="Task"/> and <see cref="ValueTask"/> methods (no result is stored).</summary>
        public async ValueTask<IdempotencyClaim> BeginAsync(IDurableStore? store, string key, string fingerprint, CancellationToken cancellationToken = default)
        {
            Acquired acquired = await AcquireAsync(store, key, fingerprint, cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(acquired.Store, acquired.Claim, acquired.TimeToLive, acquired.Replay is not null);
        }

        /// <summary>The form of <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/> for <see langword="void"/> methods.</summary>
        public IdempotencyClaim Begin(string key, string fingerprint, CancellationToken cancellationToken = default) =>
            Begin(null, key, fingerprint, cancellationToken);

        /// <summary>The form of <see cref="BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/> for <see langword="void"/> methods.</summary>
        public IdempotencyClaim Begin(IDurableStore? store, string key, string fingerprint, CancellationToken cancellationToken = default)
        {
            Acquired acquired = Wait(AcquireAsync(store, key, fingerprint, cancellationToken));
            return new IdempotencyClaim(acquired.Store, acquired.Claim, acquired.TimeToLive, acquired.Replay is not null);
        }

        private async ValueTask<Acquired> AcquireAsync(IDurableStore? instanceStore, string key, string fingerprint, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(fingerprint);
            IDurableStore store = instanceStore ?? Store ?? ResilienceStores.Default;
            IdempotencyOptions options = Options;
            string storeKey = GetStoreKey(key);
            string owner = DurableClaim.NewOwner();
            TimeSpan lease = TimeSpan.FromSeconds(options.LeaseSeconds);
            TimeProvider clock = store.TimeProvider;
            DateTimeOffset deadline = default;
            TimeSpan pollDelay = s_firstPollDelay;

            while (true)
            {
                ClaimResult result;
                try
                {
                    result = await store.TryClaimAsync(storeKey, fingerprint, owner, lease, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not ResilienceException && ex is not OperationCanceledException)
                {
                    throw DurableStoreException.Wrap(store.Name, storeKey, "claim", ex);
                }

                switch (result.Status)
                {
                    case ClaimStatus.Claimed:
                        return new Acquired(store, result.Claim, null, TimeSpan.FromSeconds(options.TtlSeconds));
                    case ClaimStatus.Completed:
                        ResilienceTelemetry.OnIdempotentReplay(Name);
                        return new Acquired(store, default, result.Record, default);
                    case ClaimStatus.FingerprintMismatch:
                        throw new IdempotencyKeyReusedException(Name, key);
                }

                // Held by a running call.
                DateTimeOffset now = clock.GetUtcNow();
                if (options.OnConcurrentDuplicate == ConcurrentDuplicateBehavior.Throw)
                {
                    throw new IdempotencyConflictException(
                        Name, key, $"Idempotency key '{DurableKeys.Shorten(key)}' of '{Name}' is held by another call (lease until {result.HeldUntil:O}).");
                }

                if (deadline == default)
                {
                    // Bounded by the lease: by then the holder has completed, failed, or lost its lease to us.
                    deadline = now + lease + s_maxPollDelay;
                }
                else if (now >= deadline)
                {
                    throw new IdempotencyConflictException(
                        Name, key, $"Idempotency key '{DurableKeys.Shorten(key)}' of '{Name}' is still held by another call after waiting {lease.TotalSeconds:0} s (lease until {result.HeldUntil:O}).");
                }

                TimeSpan delay = Min(pollDelay, Min(result.HeldUntil - now, deadline - now));
                // Timers work in whole milliseconds: round up, or a sub-millisecond wait would become no wait at all.
                delay = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(delay.TotalMilliseconds)));
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
                pollDelay = Min(pollDelay + pollDelay, s_maxPollDelay);
            }
        }

        private void EnsureStorable<TResult>()
        {
            StoredValue.EnsureStorable<TResult>($"Idempotent method '{Name}'");
            _ = ResilienceJson.GetTypeInfo<TResult>();
        }

        private TResult ReadResult<TResult>(IDurableStore store, DurableRecord record)
        {
            if (StoredValue.IsUnavailable(record.Payload.Span, out string? reason))
            {
                throw new DurableStoreException(
                    store.Name, record.Key,
                    $"'{Name}' already ran for key '{DurableKeys.Shorten(record.Key)}', but its result could not be stored ({reason}). It is not run again; " +
                    $"delete the record from durable store '{store.Name}' to allow a new run.");
            }

            try
            {
                return StoredValue.Deserialize<TResult>(record.Payload.Span);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                throw new DurableStoreException(
                    store.Name, record.Key, $"The stored result of '{Name}' for key '{DurableKeys.Shorten(record.Key)}' in durable store '{store.Name}' cannot be read as {typeof(TResult)}: {ex.Message}", ex);
            }
        }

        private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        private readonly struct Acquired
        {
            public Acquired(IDurableStore store, DurableClaim claim, DurableRecord? replay, TimeSpan timeToLive)
            {
                Store = store;
                Claim = claim;
                Replay = replay;
                TimeToLive = timeToLive;
            }

            public IDurableStore Store { get; }

            public DurableClaim Claim { get; }

            public DurableRecord? Replay { get; }

            public TimeSpan TimeToLive { get; }
        }
    }
}
