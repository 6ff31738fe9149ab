// Generated code drives this type. For
//   [Checkpoint] public partial Task<Analysis> AnalyzeLogsAsync([WorkflowId] string incidentId, string service, CancellationToken ct);
// in a class with a [CheckpointState] member `_state` of type S, it emits (one static policy per method):
//
//   private static readonly CheckpointPolicy s_ckpt_AnalyzeLogsAsync = new("MyApp.Agent.AnalyzeLogsAsync", new CheckpointOptions { Step = null });
//   var step = await s_ckpt_AnalyzeLogsAsync.BeginAsync<Analysis>(store, incidentId, fingerprint.ToHexString(), ct);
//   if (step.IsReplay) { if (step.TryGetState(out S s)) this._state = s; return step.Result; }
//   Analysis result;
//   try { result = await AnalyzeLogsAsyncCore(incidentId, service, ct); } catch { await step.ReleaseAsync(); throw; }
//   await step.CompleteAsync(result, this._state);
//   return result;
using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <see cref="CheckpointAttribute"/> step. Generated code holds one instance per annotated
    /// method in a static field and calls <see cref="BeginAsync{TResult}(IDurableStore?, string?, string, CancellationToken)"/>
    /// (or a sibling) once per call.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A step's identity is the workflow id and <see cref="Step"/>; its record also holds the fingerprint of the other
    /// arguments. The first worker to reach a step claims it through the store with a lease of
    /// <see cref="CheckpointOptions.LeaseSeconds"/> and runs it; its result and the <see cref="CheckpointStateAttribute"/>
    /// snapshot are saved in one record (atomically, with the store's checksum) and the step is appended to the run's
    /// journal. Later runs with the same workflow id replay the saved result without running the step. A worker that
    /// finds the step claimed by another worker waits for its outcome (bounded by the lease), then replays it or, when the
    /// other worker failed or crashed, runs it.
    /// </para>
    /// <para>
    /// Records are stored as <c>checkpoint:&lt;workflow id&gt;:s:&lt;step&gt;</c> and <c>checkpoint:&lt;workflow id&gt;:j:&lt;n&gt;</c>
    /// (the journal). The store is, in order: the one passed by generated code, <see cref="CheckpointScope.Store"/>,
    /// <see cref="Store"/>, then <see cref="ResilienceStores.Default"/>.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class CheckpointPolicy
    {
        /// <summary>How long checkpoint records are kept by the store; runs are removed with <see cref="CheckpointWorkflows"/>.</summary>
        public static readonly TimeSpan RecordLifetime = TimeSpan.FromDays(36_500);

        private static readonly TimeSpan s_firstPollDelay = TimeSpan.FromMilliseconds(10);
        private static readonly TimeSpan s_maxPollDelay = TimeSpan.FromSeconds(1);

        private IDurableStore? _store;

        /// <summary>Creates the policy and validates <paramref name="options"/>.</summary>
        /// <param name="name">The policy name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="options">The attribute's values; <see cref="CheckpointOptions.Step"/> defaults to the method's simple name.</param>
        public CheckpointPolicy(string name, CheckpointOptions options)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(name);
            int dot = name.LastIndexOf('.');
            Step = options.Step ?? (dot >= 0 ? name.Substring(dot + 1) : name);
        }

        /// <summary>The policy name.</summary>
        public string Name { get; }

        /// <summary>The step name (part of the step's identity within a workflow run).</summary>
        public string Step { get; }

        /// <summary>The attribute's values.</summary>
        public CheckpointOptions Options { get; }

        /// <summary>A store for this policy (after the instance's and the scope's, before <see cref="ResilienceStores.Default"/>); <see langword="null"/> by default.</summary>
        public IDurableStore? Store
        {
            get => Volatile.Read(ref _store);
            set => Volatile.Write(ref _store, value);
        }

        /// <summary>
        /// Begins the step: returns its saved result (<see cref="CheckpointStep{TResult}.IsReplay"/>) or claims it for the
        /// caller to run and then complete or release.
        /// </summary>
        /// <param name="store">The instance's store; <see langword="null"/> for the scope's, <see cref="Store"/> or <see cref="ResilienceStores.Default"/>.</param>
        /// <param name="workflowId">The <see cref="WorkflowIdAttribute"/> argument; <see langword="null"/> for <see cref="CheckpointScope.Current"/>'s.</param>
        /// <param name="fingerprint">The fingerprint of the other arguments (<see cref="ArgumentFingerprint.ToHexString"/>).</param>
        /// <param name="cancellationToken">Cancels the claim and the wait.</param>
        /// <exception cref="InvalidOperationException">There is neither a workflow id nor a <see cref="CheckpointScope"/>.</exception>
        /// <exception cref="CheckpointMismatchException">The run's record does not match the code (other arguments, or steps skipped or reordered).</exception>
        /// <exception cref="CheckpointCorruptedException">The step's record (or the journal) is corrupt.</exception>
        /// <exception cref="CheckpointConflictException">Another worker held the step for longer than the wait allows.</exception>
        /// <exception cref="DurableStoreException">The store failed; the step must not run.</exception>
        public async ValueTask<CheckpointStep<TResult>> BeginAsync<TResult>(IDurableStore? store, string? workflowId, string fingerprint, CancellationToken cancellationToken = default)
        {
            StoredValue.EnsureStorable<TResult>($"Checkpoint step '{Step}' ({Name})");
            _ = ResilienceJson.GetTypeInfo<TResult>();
            CheckpointStepCore core = await AcquireAsync(store, workflowId, fingerprint, cancellationToken).ConfigureAwait(false);
            return core.IsReplay ? new CheckpointStep<TResult>(core, core.ReadResult<TResult>()) : new CheckpointStep<TResult>(core, default!);
        }

        /// <summary>The synchronous form of <see cref="BeginAsync{TResult}(IDurableStore?, string?, string, CancellationToken)"/>.</summary>
        public CheckpointStep<TResult> Begin<TResult>(IDurableStore? store, string? workflowId, string fingerprint, CancellationToken cancellationToken = default)
        {
            StoredValue.EnsureStorable<TResult>($"Checkpoint step '{Step}' ({Name})");
            _ = ResilienceJson.GetTypeInfo<TResult>();
            CheckpointStepCore core = Wait(AcquireAsync(store, workflowId, fingerprint, cancellationToken));
            return core.IsReplay ? new CheckpointStep<TResult>(core, core.ReadResult<TResult>()) : new CheckpointStep<TResult>(core, default!);
        }

        /// <summary>The form of <see cref="BeginAsync{TResult}(IDurableStore?, string?, string, CancellationToken)"/> for <see cref="Task"/> and <see cref="ValueTask"/> steps (no result).</summary>
        public async ValueTask<CheckpointStep> BeginAsync(IDurableStore? store, string? workflowId, string fingerprint, CancellationToken cancellationToken = default) =>
            new CheckpointStep(await AcquireAsync(store, workflowId, fingerprint, cancellationToken).ConfigureAwait(false));

        /// <summary>The form of <see cref="BeginAsync{TResult}(IDurableStore?, string?, string, CancellationToken)"/> for <see langword="void"/> steps.</summary>
        public CheckpointStep Begin(IDurableStore? store, string? workflowId, string fingerprint, CancellationToken cancellationToken = default) =>
            new CheckpointStep(Wait(AcquireAsync(store, workflowId, fingerprint, cancellationToken)));

        private async ValueTask<CheckpointStepCore> AcquireAsync(IDurableStore? instanceStore, string? workflowId, string fingerprint, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(fingerprint);
            CheckpointScope? scope = CheckpointScope.Current;
            workflowId ??= scope?.WorkflowId ?? throw new InvalidOperationException(
                $"Checkpoint step '{Step}' ({Name}) has no workflow id: pass one through a parameter marked [WorkflowId], or run the step inside a CheckpointScope (using (new CheckpointScope(\"run-id\")) {{ ... }}).");
            if (workflowId.Length == 0)
            {
                throw new ArgumentException($"Checkpoint step '{Step}' ({Name}): the workflow id is empty.", nameof(workflowId));
            }

            IDurableStore store = instanceStore ?? scope?.Store ?? Store ?? ResilienceStores.Default;
            CheckpointRunState run = CheckpointRunState.Get(store, workflowId);
            string key = CheckpointKeys.StepKey(workflowId, Step);
            string owner = DurableClaim.NewOwner();
            TimeSpan lease = TimeSpan.FromSeconds(Options.LeaseSeconds);
            TimeProvider clock = store.TimeProvider;
            DateTimeOffset deadline = default;
            TimeSpan pollDelay = s_firstPollDelay;

            while (true)
            {
                ClaimResult result;
                try
                {
                    result = await store.TryClaimAsync(key, fingerprint, owner, lease, cancellationToken).ConfigureAwait(false);
                }
                catch (DurableRecordCorruptedException ex)
                {
                    throw CheckpointKeys.Corrupted(ex, workflowId, Step);
                }
                catch (Exception ex) when (ex is not ResilienceException && ex is not OperationCanceledException)
                {
                    throw DurableStoreException.Wrap(store.Name, key, "claim", ex);
                }

                switch (result.Status)
                {
                    case ClaimStatus.Completed:
                    {
                        var core = CheckpointStepCore.ForReplay(this, store, workflowId, key, run, result.Record!);
                        await CheckpointJournal.EnsureAppendedAsync(store, workflowId, Step, run, cancellationToken).ConfigureAwait(false);
                        run.Saw(Step, firstOfJournal: run.IsFirstInJournal(Step));
                        ResilienceTelemetry.OnCheckpointResumed(Name);
                        return core;
                    }

                    case ClaimStatus.FingerprintMismatch:
                        throw new CheckpointMismatchException(
                            workflowId, Step, Step,
                            $"step '{Step}' was recorded with other arguments (fingerprint {Short(result.Record!.Fingerprint)}, now {Short(fingerprint)}): its arguments or signature changed since the run was recorded");

                    case ClaimStatus.Claimed:
                    {
                        var core = CheckpointStepCore.ForClaim(this, store, workflowId, run, result.Claim);
                        try
                        {
                            if (run.JournalContains(Step))
                            {
                                // A step with no record cannot be journaled: the cache outlived a deleted run. Start over.
                                run.ResetJournal();
                            }

                            await CheckpointJournal.RefreshAsync(store, workflowId, Step, run, cancellationToken).ConfigureAwait(false);
                            if (run.FirstUnseen(Step, out int position) is { } skipped)
                            {
                                throw new CheckpointMismatchException(
                                    workflowId, Step, skipped,
                                    $"the record completed step '{skipped}' (journal position {position + 1}) before any step not yet recorded, but this run reached new step '{Step}' without replaying it: the code skipped, renamed or reordered steps");
                            }
                        }
                        catch
                        {
                            await CheckpointStepCore.ReleaseQuietlyAsync(store, result.Claim).ConfigureAwait(false);
                            throw;
                        }

                        return core;
                    }
                }

                // Held by another worker of the same run: wait for its outcome, bounded by the lease.
                DateTimeOffset now = clock.GetUtcNow();
                if (deadline == default)
                {
                    deadline = now + lease + s_maxPollDelay;
                }
                else if (now >= deadline)
                {
                    throw new CheckpointConflictException(
                        workflowId, Step,
                        $"Checkpoint step '{Step}' of workflow '{workflowId}' is still held by another worker after waiting {lease.TotalSeconds:0} s (lease until {result.HeldUntil:O}).");
                }

                TimeSpan delay = Min(pollDelay, Min(result.HeldUntil - now, deadline - now));
                delay = TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(delay.TotalMilliseconds)));
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
                pollDelay = Min(pollDelay + pollDelay, s_maxPollDelay);
            }
        }

        private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint.Substring(0, 12) : fingerprint;

        private static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    }
}
