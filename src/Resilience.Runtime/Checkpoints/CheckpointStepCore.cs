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
            try
            {
                CheckpointPayload.Read(record.Payload, out result, out state);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException)
            {
                throw new CheckpointCorruptedException(workflowId, policy.Step, CheckpointKeys.Location(store, key), "the saved step cannot be read (" + ex.Message + ")", ex);
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

        public async ValueTask CompleteAsync(byte[]? result, byte[]? state)
        {
            if (IsReplay)
            {
                throw new InvalidOperationException($"Checkpoint step '{Step}' of workflow '{WorkflowId}' was replayed; there is nothing to complete.");
            }

            byte[] payload = CheckpointPayload.Write(result, state);
            try
            {
                await _store.CompleteAsync(_claim, payload, CheckpointPolicy.RecordLifetime, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not ResilienceException)
            {
                throw DurableStoreException.Wrap(_store.Name, _key, "complete", ex);
            }

            _run.Saw(Step, firstOfJournal: _run.JournalCount == 0);
            await CheckpointJournal.EnsureAppendedAsync(_store, WorkflowId, Step, _run, CancellationToken.None).ConfigureAwait(false);
        }

        public ValueTask ReleaseAsync() => IsReplay ? default : ReleaseQuietlyAsync(_store, _claim);

        internal static async ValueTask ReleaseQuietlyAsync(IDurableStore store, DurableClaim claim)
        {
            try
            {
                await store.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The step's own exception matters more; the lease frees the step later.
            }
        }

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
                return ResilienceJson.Deserialize<T>(json);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                throw new CheckpointCorruptedException(
                    WorkflowId, Step, CheckpointKeys.Location(_store, _key), $"the saved {what} cannot be read as {typeof(T)} ({ex.Message})", ex);
            }
        }
    }
}
