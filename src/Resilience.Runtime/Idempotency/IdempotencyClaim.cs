using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The outcome of <see cref="IdempotencyPolicy.BeginAsync{TResult}(IDurableStore?, string, string, CancellationToken)"/>:
    /// either a replay of the stored <see cref="Result"/>, or a held claim that the caller must end with
    /// <see cref="CompleteAsync"/> (success) or <see cref="ReleaseAsync"/> (failure).
    /// </summary>
    /// <typeparam name="TResult">The method's result type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct IdempotencyClaim<TResult>
    {
        private readonly IdempotencyPolicy? _policy;
        private readonly IDurableStore? _store;
        private readonly DurableClaim _claim;
        private readonly TimeSpan _timeToLive;

        internal IdempotencyClaim(IdempotencyPolicy policy, IDurableStore store, TResult result)
        {
            _policy = policy;
            _store = store;
            _claim = default;
            _timeToLive = default;
            IsReplay = true;
            Result = result;
        }

        internal IdempotencyClaim(IdempotencyPolicy policy, IDurableStore store, DurableClaim claim, TimeSpan timeToLive)
        {
            _policy = policy;
            _store = store;
            _claim = claim;
            _timeToLive = timeToLive;
            IsReplay = false;
            Result = default!;
        }

        /// <summary>Whether an earlier call's result was found: return <see cref="Result"/> without running the method.</summary>
        public bool IsReplay { get; }

        /// <summary>The stored result (when <see cref="IsReplay"/>).</summary>
        public TResult Result { get; }

        /// <summary>The held claim (when not <see cref="IsReplay"/>).</summary>
        public DurableClaim Claim => _claim;

        /// <summary>
        /// Stores <paramref name="result"/> as the key's outcome. Not cancellable on purpose: the method has already run, and
        /// dropping its result would let a later call run it again. A store failure is retried until the claim's lease ends.
        /// </summary>
        /// <remarks>
        /// A result that cannot be stored exactly (it would read back different, or not at all) is not stored: the key is
        /// recorded as "completed, result unavailable" — later calls with it throw <see cref="DurableStoreException"/> instead
        /// of running the method again — and this call throws <see cref="DurableStoreException"/> naming the cause.
        /// </remarks>
        /// <exception cref="ClaimLostException">The lease ended and another call took the key over; this result is rejected.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended, or the result cannot be stored.</exception>
        public async ValueTask CompleteAsync(TResult result)
        {
            IDurableStore store = EnsureClaim();
            byte[] payload;
            NotSupportedException? notStorable = null;
            try
            {
                payload = StoredValue.Serialize(result);
            }
            catch (NotSupportedException ex)
            {
                notStorable = ex;
                payload = StoredValue.Unavailable(ex.Message);
            }

            await DurableCompletion.CompleteAsync(store, _claim, payload, _timeToLive).ConfigureAwait(false);
            if (notStorable is not null)
            {
                throw new DurableStoreException(
                    store.Name, _claim.Key,
                    $"'{_policy!.Name}' ran, but its result cannot be stored in durable store '{store.Name}': {notStorable.Message} " +
                    "The key is recorded as completed without a result: later calls with it throw instead of running again.",
                    notStorable);
            }
        }

        /// <summary>The synchronous form of <see cref="CompleteAsync"/>.</summary>
        public void Complete(TResult result)
        {
            ValueTask task = CompleteAsync(result);
            if (!task.IsCompletedSuccessfully)
            {
                task.AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>
        /// Gives the claim up after a failure so that the next call runs. Never throws (so it cannot mask the method's
        /// exception): if the store fails, the claim is freed when its lease ends. Does nothing for a replay.
        /// </summary>
        public ValueTask ReleaseAsync() => IsReplay || _store is null ? default : IdempotencyClaim.ReleaseQuietlyAsync(_store, _claim);

        /// <summary>The synchronous form of <see cref="ReleaseAsync"/>.</summary>
        public void Release()
        {
            ValueTask task = ReleaseAsync();
            if (!task.IsCompletedSuccessfully)
            {
                task.AsTask().GetAwaiter().GetResult();
            }
        }

        private IDurableStore EnsureClaim()
        {
            if (IsReplay || _store is null)
            {
                throw new InvalidOperationException($"There is no claim to complete: {(IsReplay ? "the result was replayed" : "the claim was not begun")} ({_policy?.Name}).");
            }

            return _store;
        }
    }

    /// <summary>
    /// The outcome of <see cref="IdempotencyPolicy.BeginAsync(IDurableStore?, string, string, CancellationToken)"/> for methods
    /// without a result (<see langword="void"/>, <see cref="Task"/>, <see cref="ValueTask"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct IdempotencyClaim
    {
        private readonly IDurableStore? _store;
        private readonly DurableClaim _claim;
        private readonly TimeSpan _timeToLive;

        internal IdempotencyClaim(IDurableStore store, DurableClaim claim, TimeSpan timeToLive, bool isReplay)
        {
            _store = store;
            _claim = claim;
            _timeToLive = timeToLive;
            IsReplay = isReplay;
        }

        /// <summary>Whether an earlier call completed with this key: return without running the method.</summary>
        public bool IsReplay { get; }

        /// <summary>The held claim (when not <see cref="IsReplay"/>).</summary>
        public DurableClaim Claim => _claim;

        /// <summary>Records that the method completed. Not cancellable; store failures are retried until the lease ends (see <see cref="IdempotencyClaim{TResult}.CompleteAsync"/>).</summary>
        /// <exception cref="ClaimLostException">The lease ended and another call took the key over.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended.</exception>
        public async ValueTask CompleteAsync()
        {
            if (IsReplay || _store is null)
            {
                throw new InvalidOperationException("There is no claim to complete.");
            }

            await DurableCompletion.CompleteAsync(_store, _claim, ReadOnlyMemory<byte>.Empty, _timeToLive).ConfigureAwait(false);
        }

        /// <summary>The synchronous form of <see cref="CompleteAsync"/>.</summary>
        public void Complete()
        {
            ValueTask task = CompleteAsync();
            if (!task.IsCompletedSuccessfully)
            {
                task.AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>Gives the claim up after a failure. Never throws; does nothing for a replay.</summary>
        public ValueTask ReleaseAsync() => IsReplay || _store is null ? default : ReleaseQuietlyAsync(_store, _claim);

        /// <summary>The synchronous form of <see cref="ReleaseAsync"/>.</summary>
        public void Release()
        {
            ValueTask task = ReleaseAsync();
            if (!task.IsCompletedSuccessfully)
            {
                task.AsTask().GetAwaiter().GetResult();
            }
        }

        internal static ValueTask ReleaseQuietlyAsync(IDurableStore store, DurableClaim claim) => DurableCompletion.ReleaseQuietlyAsync(store, claim);
    }
}
