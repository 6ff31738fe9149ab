using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The outcome of <see cref="CheckpointPolicy.BeginAsync{TResult}(IDurableStore?, string?, string, CancellationToken)"/>:
    /// either a replay of the step's saved <see cref="Result"/> (and state), or a held claim that the caller ends with
    /// <see cref="CompleteAsync(TResult)"/> (success) or <see cref="ReleaseAsync"/> (failure).
    /// </summary>
    /// <typeparam name="TResult">The step's result type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct CheckpointStep<TResult>
    {
        private readonly CheckpointStepCore? _core;

        internal CheckpointStep(CheckpointStepCore core, TResult result)
        {
            _core = core;
            Result = result;
        }

        /// <summary>Whether the step completed in an earlier run: return <see cref="Result"/> without running it.</summary>
        public bool IsReplay => _core?.IsReplay ?? false;

        /// <summary>The saved result (when <see cref="IsReplay"/>).</summary>
        public TResult Result { get; }

        /// <summary>Reads the <see cref="CheckpointStateAttribute"/> snapshot saved with the step.</summary>
        /// <returns><see langword="false"/> when no snapshot was saved (or the step is not a replay).</returns>
        /// <exception cref="CheckpointCorruptedException">The snapshot cannot be read as <typeparamref name="TState"/>.</exception>
        public bool TryGetState<TState>(out TState state)
        {
            if (_core is null || !_core.IsReplay)
            {
                state = default!;
                return false;
            }

            return _core.TryGetState(out state);
        }

        /// <summary>Saves <paramref name="result"/> as the step's outcome. Not cancellable: the step has already run.</summary>
        /// <exception cref="ClaimLostException">The lease ended and another worker took the step over; this result is rejected.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended (the step runs again on the next run), or the result or state cannot be saved exactly (the step is recorded as completed without them).</exception>
        public ValueTask CompleteAsync(TResult result) => Core.CompleteAsync(true, result, false, 0);

        /// <summary>Saves <paramref name="result"/> and the <paramref name="state"/> snapshot in one record.</summary>
        /// <exception cref="ClaimLostException">The lease ended and another worker took the step over; this result is rejected.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended (the step runs again on the next run), or the result or state cannot be saved exactly (the step is recorded as completed without them).</exception>
        public ValueTask CompleteAsync<TState>(TResult result, TState state) =>
            Core.CompleteAsync(true, result, true, state);

        /// <summary>The synchronous form of <see cref="CompleteAsync(TResult)"/>.</summary>
        public void Complete(TResult result) => CheckpointStepCore.Wait(CompleteAsync(result));

        /// <summary>The synchronous form of <see cref="CompleteAsync{TState}(TResult, TState)"/>.</summary>
        public void Complete<TState>(TResult result, TState state) => CheckpointStepCore.Wait(CompleteAsync(result, state));

        /// <summary>Gives the step up after a failure so that the next run executes it. Never throws; does nothing for a replay.</summary>
        public ValueTask ReleaseAsync() => _core?.ReleaseAsync() ?? default;

        /// <summary>The synchronous form of <see cref="ReleaseAsync"/>.</summary>
        public void Release() => CheckpointStepCore.Wait(ReleaseAsync());

        private CheckpointStepCore Core => _core ?? throw new System.InvalidOperationException("The checkpoint step was not begun.");
    }

    /// <summary>
    /// The outcome of <see cref="CheckpointPolicy.BeginAsync(IDurableStore?, string?, string, CancellationToken)"/> for steps
    /// without a result (<see langword="void"/>, <see cref="Task"/>, <see cref="ValueTask"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct CheckpointStep
    {
        private readonly CheckpointStepCore? _core;

        internal CheckpointStep(CheckpointStepCore core) => _core = core;

        /// <summary>Whether the step completed in an earlier run: return without running it.</summary>
        public bool IsReplay => _core?.IsReplay ?? false;

        /// <summary>Reads the <see cref="CheckpointStateAttribute"/> snapshot saved with the step.</summary>
        /// <returns><see langword="false"/> when no snapshot was saved (or the step is not a replay).</returns>
        /// <exception cref="CheckpointCorruptedException">The snapshot cannot be read as <typeparamref name="TState"/>.</exception>
        public bool TryGetState<TState>(out TState state)
        {
            if (_core is null || !_core.IsReplay)
            {
                state = default!;
                return false;
            }

            return _core.TryGetState(out state);
        }

        /// <summary>Records that the step completed. Not cancellable: the step has already run.</summary>
        /// <exception cref="ClaimLostException">The lease ended and another worker took the step over.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended (the step runs again on the next run), or the result or state cannot be saved exactly (the step is recorded as completed without them).</exception>
        public ValueTask CompleteAsync() => Core.CompleteAsync(false, 0, false, 0);

        /// <summary>Records that the step completed, with the <paramref name="state"/> snapshot.</summary>
        /// <exception cref="ClaimLostException">The lease ended and another worker took the step over.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended (the step runs again on the next run), or the result or state cannot be saved exactly (the step is recorded as completed without them).</exception>
        public ValueTask CompleteAsync<TState>(TState state) => Core.CompleteAsync(false, 0, true, state);

        /// <summary>The synchronous form of <see cref="CompleteAsync()"/>.</summary>
        public void Complete() => CheckpointStepCore.Wait(CompleteAsync());

        /// <summary>The synchronous form of <see cref="CompleteAsync{TState}(TState)"/>.</summary>
        public void Complete<TState>(TState state) => CheckpointStepCore.Wait(CompleteAsync(state));

        /// <summary>Gives the step up after a failure so that the next run executes it. Never throws; does nothing for a replay.</summary>
        public ValueTask ReleaseAsync() => _core?.ReleaseAsync() ?? default;

        /// <summary>The synchronous form of <see cref="ReleaseAsync"/>.</summary>
        public void Release() => CheckpointStepCore.Wait(ReleaseAsync());

        private CheckpointStepCore Core => _core ?? throw new System.InvalidOperationException("The checkpoint step was not begun.");
    }
}
