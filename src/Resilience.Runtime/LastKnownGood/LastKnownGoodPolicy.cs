// Generated code drives this type. The shape it emits for
//   [LastKnownGood(MaxAgeSeconds = 600)] public partial Task<Metrics> FetchMetricsAsync(string service, CancellationToken ct);
// is (one static policy per method; `store` as for [Idempotent]: the instance's IHasResilienceStore.ResilienceStore or null):
//
//   private static readonly LastKnownGoodPolicy s_fetchMetricsAsyncLastKnownGood = new("MyApp.Agent.FetchMetricsAsync",
//       new LastKnownGoodOptions { MaxAgeSeconds = 600 }, DegradationLevel.Slight);
//
//   var fingerprint = new ArgumentFingerprint();
//   fingerprint.Add(service);
//   string lastKnownGoodKey = fingerprint.ToHexString();
//   try
//   {
//       Metrics result = await FetchMetricsAsyncCore(service, ct).ConfigureAwait(false); // or the next policy inward
//       s_fetchMetricsAsyncLastKnownGood.Record(null, lastKnownGoodKey, result);           // an enqueue, nothing more
//       return result;
//   }
//   catch (Exception ex) when (s_fetchMetricsAsyncLastKnownGood.Handles(ex, ct))
//   {
//       LastKnownGoodValue<Metrics> stale = await s_fetchMetricsAsyncLastKnownGood.TryGetAsync<Metrics>(null, lastKnownGoodKey, ex, ct).ConfigureAwait(false);
//       if (stale.HasValue)
//       {
//           return stale.Value;
//       }
//
//       throw; // or the next member of the fallback chain
//   }
using System;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <c>[LastKnownGood]</c>: stores each successful result (write-behind) and serves
    /// the stored result of the same key, when young enough, in place of a failure.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Success path.</b> <see cref="Record{TResult}"/> puts the result in an in-process queue and returns; it does not
    /// serialize and does not touch the store. A background drain, at most every 100 ms, serializes (System.Text.Json,
    /// <see cref="ResilienceJson.Options"/>) and writes the newest value per key. <b>On a crash</b> the values still queued are
    /// lost (the successes of the last 100 ms or so); the store keeps the previous value of those keys. An orderly exit writes them (bounded
    /// by 2 s); <see cref="FlushAsync"/> writes them on demand. The result object is serialized when written, so a caller that
    /// mutates it right after the call may store the mutated form.
    /// </para>
    /// <para>
    /// <b>Failure path.</b> A value still queued is served from memory; otherwise the store is read. A value older than
    /// <see cref="LastKnownGoodOptions.MaxAgeSeconds"/> (measured from the success that produced it, on the store's clock) is
    /// not served and is counted as too old. A store that fails or holds a corrupt record is logged, and the original failure
    /// propagates: a degraded answer is never made up.
    /// </para>
    /// <para>
    /// Keys are stored as <c>lastknowngood:&lt;policy name&gt;:&lt;key&gt;</c>. The store is, in order: the one passed by
    /// generated code (the instance's <see cref="IHasResilienceStore.ResilienceStore"/>), this policy's <see cref="Store"/>,
    /// then <see cref="ResilienceStores.Default"/>. While <see cref="PolicyKind.Fallback"/> is switched off, failures propagate
    /// (the last known good value is a member of the fallback chain); successes are still recorded.
    /// </para>
    /// </remarks>
    public sealed class LastKnownGoodPolicy : ConfigurablePolicy<LastKnownGoodOptions>
    {
        /// <summary>The prefix of every key this policy kind stores.</summary>
        public const string KeyPrefix = "lastknowngood:";

        /// <summary>The source name of answers served by this policy kind (<see cref="DegradedAnswer.Source"/>).</summary>
        public const string SourceName = "LastKnownGood";

        internal const string RecordFingerprint = "lastknowngood";

        private readonly string _storeKeyPrefix;
        private IDurableStore? _store;

        /// <summary>Creates the policy at the first place of the fallback chain (<see cref="DegradationLevel.Slight"/>).</summary>
        public LastKnownGoodPolicy(string name, LastKnownGoodOptions options)
            : this(name, options, DegradationLevel.Slight)
        {
        }

        /// <summary>Creates the policy and validates <paramref name="options"/>.</summary>
        /// <param name="name">The policy name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="options">The attribute's values.</param>
        /// <param name="level">The level of its answers: its place in the method's fallback chain.</param>
        public LastKnownGoodPolicy(string name, LastKnownGoodOptions options, DegradationLevel level)
            : base(name, options)
        {
            if (level is <= DegradationLevel.Full or >= DegradationLevel.Failed)
            {
                throw new ArgumentOutOfRangeException(nameof(level), level, $"LastKnownGood policy '{name}': the level of a degraded answer is Slight, Moderate or Minimal.");
            }

            Level = level;
            _storeKeyPrefix = string.Concat(KeyPrefix, name, ":");
        }

        /// <summary>The level of the answers this policy serves.</summary>
        public DegradationLevel Level { get; }

        /// <summary>A store for this policy (between the instance's and <see cref="ResilienceStores.Default"/>); <see langword="null"/> by default.</summary>
        public IDurableStore? Store
        {
            get => Volatile.Read(ref _store);
            set => Volatile.Write(ref _store, value);
        }

        private protected override void Validate(LastKnownGoodOptions options) => options.Validate(Name);

        /// <summary>The key under which <paramref name="key"/> is stored: <c>lastknowngood:&lt;name&gt;:&lt;key&gt;</c>.</summary>
        public string GetStoreKey(string key) => string.Concat(_storeKeyPrefix, key);

        /// <summary>
        /// Writes every queued last known good value (of every policy) to its store and waits for the writes. Call it before an
        /// orderly shutdown that must not lose the latest values, or in tests.
        /// </summary>
        public static Task FlushAsync(CancellationToken cancellationToken = default) => LastKnownGoodWriter.Instance.FlushAsync(cancellationToken);

        /// <summary>Records a successful result under <paramref name="key"/>: queues it for a background write and returns at once.</summary>
        /// <param name="store">The instance's store; <see langword="null"/> for <see cref="Store"/> or <see cref="ResilienceStores.Default"/>.</param>
        /// <param name="key">The key (from the <c>Key</c> template, or the arguments' fingerprint).</param>
        /// <param name="result">The result.</param>
        public void Record<TResult>(IDurableStore? store, string key, TResult result)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            IDurableStore target = store ?? Store ?? ResilienceStores.Default;
            LastKnownGoodWriter.Instance.Enqueue(new PendingWrite<TResult>(this, target, key, target.TimeProvider.GetUtcNow(), result));
        }

        /// <summary>
        /// Whether a stored value may stand in for <paramref name="exception"/>: every failure but the caller's own cancellation,
        /// while <see cref="PolicyKind.Fallback"/> is switched on. Changes nothing; call it from an exception filter.
        /// </summary>
        public bool Handles(Exception exception, CancellationToken cancellationToken) =>
            ResilienceRuntime.IsEnabled(PolicyKind.Fallback) && !CallerCancellation.IsCallerCancellation(exception, cancellationToken);

        /// <summary>
        /// Looks up the value stored under <paramref name="key"/> and returns it when it is younger than the maximum age,
        /// recording the degraded answer (telemetry, <see cref="DegradationMonitor"/>, <see cref="DegradationScope"/>).
        /// </summary>
        /// <param name="store">The instance's store; <see langword="null"/> for <see cref="Store"/> or <see cref="ResilienceStores.Default"/>.</param>
        /// <param name="key">The key the success was recorded under.</param>
        /// <param name="exception">The failure the value would replace.</param>
        /// <param name="cancellationToken">Cancels the store read.</param>
        public async ValueTask<LastKnownGoodValue<TResult>> TryGetAsync<TResult>(IDurableStore? store, string key, Exception exception, CancellationToken cancellationToken = default)
        {
            if (key is null)
            {
                throw new ArgumentNullException(nameof(key));
            }

            IDurableStore target = store ?? Store ?? ResilienceStores.Default;
            if (LastKnownGoodWriter.Instance.Peek(target, this, key) is PendingWrite<TResult> pending)
            {
                return Serve(target, pending.SucceededAt, pending.Value, exception);
            }

            string storeKey = GetStoreKey(key);
            DurableRecord? record;
            try
            {
                record = await target.GetAsync(storeKey, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DegradationTelemetry.OnReadFailed(Name, storeKey, target.Name, ex);
                return default;
            }

            return Decode<TResult>(target, storeKey, record, exception);
        }

        /// <summary>The synchronous form of <see cref="TryGetAsync{TResult}"/>, for methods that return <typeparamref name="TResult"/>.</summary>
        public bool TryGet<TResult>(IDurableStore? store, string key, Exception exception, CancellationToken cancellationToken, out TResult result)
        {
            ValueTask<LastKnownGoodValue<TResult>> pending = TryGetAsync<TResult>(store, key, exception, cancellationToken);
            LastKnownGoodValue<TResult> value = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
            result = value.Value;
            return value.HasValue;
        }

        private LastKnownGoodValue<TResult> Decode<TResult>(IDurableStore store, string storeKey, DurableRecord? record, Exception exception)
        {
            if (record is not { State: DurableRecordState.Completed })
            {
                return default;
            }

            if (!LastKnownGoodPayload.TryDecode(record.Payload.Span, out DateTimeOffset succeededAt, out ReadOnlySpan<byte> json))
            {
                DegradationTelemetry.OnReadFailed(
                    Name, storeKey, store.Name, new DurableStoreException(store.Name, storeKey, $"The last known good record '{storeKey}' in store '{store.Name}' has an unknown format."));
                return default;
            }

            TResult value;
            try
            {
                value = ResilienceJson.Deserialize<TResult>(json);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                DegradationTelemetry.OnReadFailed(
                    Name, storeKey, store.Name, new DurableStoreException(store.Name, storeKey, $"The last known good value of '{Name}' under '{storeKey}' cannot be read as {typeof(TResult)}: {ex.Message}", ex));
                return default;
            }

            return Serve(store, succeededAt, value, exception);
        }

        private LastKnownGoodValue<TResult> Serve<TResult>(IDurableStore store, DateTimeOffset succeededAt, TResult value, Exception exception)
        {
            DateTimeOffset now = store.TimeProvider.GetUtcNow();
            TimeSpan age = now - succeededAt;
            if (age < TimeSpan.Zero)
            {
                // Another machine's clock ran ahead; the value is as fresh as it gets.
                age = TimeSpan.Zero;
            }

            LastKnownGoodOptions options = Options;
            if (age > options.MaxAge)
            {
                DegradationTelemetry.OnTooOld(Name, age, options.MaxAgeSeconds);
                return default;
            }

            DegradationTelemetry.OnDegraded(new DegradedAnswer(Name, SourceName, Level, age, now, exception));
            return new LastKnownGoodValue<TResult>(value, age);
        }
    }
}
