using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    // Everything a CheckpointStep needs after Begin: the store, the run and either the claim or the saved record.
    internal sealed class CheckpointStepCore
    {
        private readonly CheckpointPolicy _policy;
        private readonly IDurableStore _store;
        private readonly CheckpointRunState _run;
        private readonly DurableClaim _claim;
        private readonly string _key;
        private readonly byte[]? _result;
        private readonly byte[]? _state;

        private CheckpointStepCore(CheckpointPolicy policy, IDurableStore store, string workflowId, string key, CheckpointRunState run, DurableClaim claim, bool isReplay, byte[]? result, byte[]? state)
        {
            _policy = policy;
            _store = store;
            WorkflowId = workflowId;
            _key = key;
            _run = run;
            _claim = claim;
            IsReplay = isReplay;
            _result = result;
            _state = state;
        }

        public bool IsReplay { get; }

        public string WorkflowId { get; }

        public string Step => _policy.Step;

        public static CheckpointStepCore ForClaim(CheckpointPolicy policy, IDurableStore store, string workflowId, CheckpointRunState run, DurableClaim claim) =>
            new(policy, store, workflowId, claim.Key, run, claim, isReplay: false, null, null);

        public static CheckpointStepCore ForReplay(CheckpointPolicy policy, IDurableStore store, string workflowId, string key, CheckpointRunState run, DurableRecord record)
        {
            byte[]? result;
            byte[]? state;
            string? unavailable;
            try
            {
                CheckpointPayload.Read(record.Payload, out result, out state, out unavailable);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                throw new CheckpointCorruptedException(workflowId, policy.Step, CheckpointKeys.Location(store, key), "the saved step cannot be read (" + ex.Message + ")", ex);
            }

            if (unavailable is not null)
            {
                throw new DurableStoreException(
                    store.Name, key,
                    $"Checkpoint step '{policy.Step}' of workflow '{workflowId}' already ran, but its result or state could not be saved ({unavailable}). " +
                    "It is not run again; delete the run (CheckpointWorkflows.DeleteRunAsync) to start it afresh.");
            }

            return new CheckpointStepCore(policy, store, workflowId, key, run, default, isReplay: true, result, state);
        }

        public T ReadResult<T>() => Deserialize<T>(_result, "result");

        public bool TryGetState<TState>(out TState state)
        {
            if (_state is null)
            {
                state = default!;
                return false;
            }

            state = Deserialize<TState>(_state, "state");
            return true;
        }

        /// <summary>Saves the step's result and/or state, verified to read back exactly (see <see cref="StoredValue"/>).</summary>
        public ValueTask CompleteAsync<TResult, TState>(bool hasResult, TResult result, bool hasState, TState state)
        {
            byte[]? resultJson = null;
            byte[]? stateJson = null;
            NotSupportedException? notStorable = null;
            try
            {
                resultJson = hasResult ? StoredValue.Serialize(result) : null;
                stateJson = hasState ? StoredValue.Serialize(state) : null;
            }
            catch (NotSupportedException ex)
            {
                notStorable = ex;
            }

            return CompleteAsync(resultJson, stateJson, notStorable);
        }

        private async ValueTask CompleteAsync(byte[]? result, byte[]? state, NotSupportedException? notStorable)
        {
            if (IsReplay)
            {
                throw new InvalidOperationException($"Checkpoint step '{Step}' of workflow '{WorkflowId}' was replayed; there is nothing to complete.");
            }

            // A value that cannot be saved exactly still completes the step (it ran; it must not run again), marked so that
            // a resume fails loudly instead of replaying something different.
            byte[] payload = notStorable is null ? CheckpointPayload.Write(result, state) : CheckpointPayload.WriteUnavailable(notStorable.Message);
            await DurableCompletion.CompleteAsync(_store, _claim, payload, CheckpointPolicy.RecordLifetime).ConfigureAwait(false);
            _run.Saw(Step, firstOfJournal: _run.JournalCount == 0);
            await CheckpointJournal.EnsureAppendedAsync(_store, WorkflowId, Step, _run, CancellationToken.None).ConfigureAwait(false);
            if (notStorable is not null)
            {
                throw new DurableStoreException(
                    _store.Name, _key,
                    $"Checkpoint step '{Step}' of workflow '{WorkflowId}' ran, but its result or state cannot be saved: {notStorable.Message} " +
                    "The step is recorded as completed without them: a resume throws instead of running it again.",
                    notStorable);
            }
        }

        public ValueTask ReleaseAsync() => IsReplay ? default : ReleaseQuietlyAsync(_store, _claim);

        internal static ValueTask ReleaseQuietlyAsync(IDurableStore store, DurableClaim claim) => DurableCompletion.ReleaseQuietlyAsync(store, claim);

        internal static void Wait(ValueTask task)
        {
            if (!task.IsCompletedSuccessfully)
            {
                task.AsTask().GetAwaiter().GetResult();
            }
        }

        private T Deserialize<T>(byte[]? json, string what)
        {
            if (json is null)
            {
                throw new CheckpointCorruptedException(WorkflowId, Step, CheckpointKeys.Location(_store, _key), $"the saved step has no {what}");
            }

            try
            {
                return StoredValue.Deserialize<T>(json);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                throw new CheckpointCorruptedException(
                    WorkflowId, Step, CheckpointKeys.Location(_store, _key), $"the saved {what} cannot be read as {typeof(T)} ({ex.Message})", ex);
            }
        }
    }
}
