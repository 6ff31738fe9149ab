using Resilience.Testing;

namespace Resilience.Runtime.Tests.Checkpoints;

/// <summary>The checkpoint contract, run against each store.</summary>
public abstract class CheckpointTests
{
    private IDurableStore? _store;

    protected FakeClock Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvance = true };

    // Created on first use: a derived class's constructor sets what CreateStore needs.
    protected IDurableStore Store => _store ??= CreateStore(Clock);

    protected abstract IDurableStore CreateStore(TimeProvider clock);

    protected static string NewId() => "incident-" + Guid.NewGuid().ToString("N").Substring(0, 10);

    [Fact]
    public async Task The_incident_workflow_resumes_after_apply_fix_crashes_without_re_running_steps_1_to_3_and_with_its_state()
    {
        string id = NewId();
        var executions = new Dictionary<string, int>();
        var first = new IncidentAgent(Store, executions) { ApplyFixFailures = 1 };
        await Assert.ThrowsAsync<InvalidOperationException>(() => first.RunAsync(id, "payments-api"));
        Assert.Equal(3, first.State.Notes.Count);

        // A new process: a fresh agent with empty state, same workflow id.
        var second = new IncidentAgent(Store, executions);
        string outcome = await second.RunAsync(id, "payments-api");

        Assert.Equal("memory limit too low -> memory limit 1024Mi -> verified=True", outcome);
        Assert.Equal(1, executions["analyze_logs"]);
        Assert.Equal(1, executions["check_metrics"]);
        Assert.Equal(1, executions["identify_root_cause"]);
        Assert.Equal(2, executions["apply_fix"]);
        Assert.Equal(1, executions["verify_fix"]);
        Assert.Equal(
            new[] { "logs: OOMKilled x3", "metrics: memory 98%", "cause: memory limit too low", "fix: memory limit 1024Mi", "verified" },
            second.State.Notes);
        Assert.Equal(1, second.State.FixAttempts); // restored from identify_root_cause's snapshot, then one successful attempt

        // A third run replays everything and restores the final state.
        var third = new IncidentAgent(Store, executions);
        Assert.Equal(outcome, await third.RunAsync(id, "payments-api"));
        Assert.Equal(2, executions["apply_fix"]);
        Assert.Equal(second.State.Notes, third.State.Notes);

        CheckpointRunInfo run = (await CheckpointWorkflows.GetRunAsync(Store, id))!;
        Assert.Equal(new[] { "analyze_logs", "check_metrics", "identify_root_cause", "apply_fix", "verify_fix" }, run.CompletedSteps);
        Assert.Empty(run.RunningSteps);
    }

    [Fact]
    public async Task Replayed_steps_count_on_the_resumed_counter()
    {
        string id = NewId();
        long resumed = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == ResilienceTelemetry.CheckpointResumed)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == "resilience.policy.name" && (tag.Value as string)?.StartsWith("Tests.IncidentAgent.", StringComparison.Ordinal) == true)
                {
                    Interlocked.Add(ref resumed, value);
                }
            }
        });
        listener.Start();

        var executions = new Dictionary<string, int>();
        await new IncidentAgent(Store, executions).RunAsync(id, "api");
        long before = Interlocked.Read(ref resumed);
        await new IncidentAgent(Store, executions).RunAsync(id, "api");
        Assert.True(Interlocked.Read(ref resumed) - before >= 5);
    }

    [Fact]
    public async Task A_step_that_fails_is_released_and_runs_again_on_the_next_run()
    {
        string id = NewId();
        var executions = new Dictionary<string, int>();
        var agent = new IncidentAgent(Store, executions) { ApplyFixFailures = 2 };
        await Assert.ThrowsAsync<InvalidOperationException>(() => agent.RunAsync(id, "api"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => agent.RunAsync(id, "api"));
        await agent.RunAsync(id, "api");
        Assert.Equal(3, executions["apply_fix"]);
        Assert.Equal(1, executions["analyze_logs"]);
    }

    [Fact]
    public async Task Steps_use_the_ambient_scope_when_there_is_no_workflow_id()
    {
        var policy = new CheckpointPolicy("Tests.Agent.Plan", CheckpointOptions.Default);
        Assert.Equal("Plan", policy.Step);
        int runs = 0;

        async Task<int> PlanAsync()
        {
            CheckpointStep<int> step = await policy.BeginAsync<int>(null, null, "fp");
            if (step.IsReplay)
            {
                return step.Result;
            }

            runs++;
            await step.CompleteAsync(42);
            return 42;
        }

        string id = NewId();
        using (var scope = new CheckpointScope(id, Store))
        {
            Assert.Same(scope, CheckpointScope.Current);
            Assert.Equal(42, await PlanAsync());
        }

        Assert.Null(CheckpointScope.Current);
        using (new CheckpointScope(id, Store))
        {
            Assert.Equal(42, await PlanAsync());
        }

        Assert.Equal(1, runs);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await PlanAsync());
        Assert.Contains("'Plan'", ex.Message);
        Assert.Contains("[WorkflowId]", ex.Message);
        Assert.Contains("CheckpointScope", ex.Message);
    }

    [Fact]
    public async Task Void_and_synchronous_steps_replay_and_restore_state()
    {
        var policy = new CheckpointPolicy("Tests.Agent.Notify", new CheckpointOptions { Step = "notify" });
        string id = NewId();
        int runs = 0;

        CheckpointStep step = policy.Begin(Store, id, "fp");
        Assert.False(step.IsReplay);
        Assert.False(step.TryGetState(out string _));
        runs++;
        step.Complete("state-after-notify");

        CheckpointStep again = policy.Begin(Store, id, "fp");
        Assert.True(again.IsReplay);
        Assert.True(again.TryGetState(out string state));
        Assert.Equal("state-after-notify", state);

        var counted = new CheckpointPolicy("Tests.Agent.Count", CheckpointOptions.Default);
        CheckpointStep<int> sync = counted.Begin<int>(Store, id, "fp");
        sync.Complete(7);
        CheckpointStep<int> replay = counted.Begin<int>(Store, id, "fp");
        Assert.True(replay.IsReplay);
        Assert.Equal(7, replay.Result);
        Assert.False(replay.TryGetState(out int _)); // no snapshot was saved
        Assert.Equal(1, runs);

        CheckpointStep async = await new CheckpointPolicy("Tests.Agent.Page", CheckpointOptions.Default).BeginAsync(Store, id, "fp");
        await async.CompleteAsync();
        Assert.True((await new CheckpointPolicy("Tests.Agent.Page", CheckpointOptions.Default).BeginAsync(Store, id, "fp")).IsReplay);
    }

    [Fact]
    public async Task A_step_recorded_with_other_arguments_raises_CheckpointMismatchException()
    {
        string id = NewId();
        var executions = new Dictionary<string, int>();
        await new IncidentAgent(Store, executions).AnalyzeLogsAsync(id, "payments-api");

        var ex = await Assert.ThrowsAsync<CheckpointMismatchException>(() => new IncidentAgent(Store, executions).AnalyzeLogsAsync(id, "billing-api"));
        Assert.Equal(id, ex.WorkflowId);
        Assert.Equal("analyze_logs", ex.ExpectedStep);
        Assert.Equal("analyze_logs", ex.RecordedStep);
        Assert.Contains("other arguments", ex.Message);
        Assert.Equal(1, executions["analyze_logs"]);
    }

    [Fact]
    public async Task Reordered_steps_raise_CheckpointMismatchException_naming_both_steps()
    {
        string id = NewId();
        var executions = new Dictionary<string, int>();
        var agent = new IncidentAgent(Store, executions) { ApplyFixFailures = 1 };
        using (new CheckpointScope(id, Store))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => agent.RunAsync(id, "api"));
        }

        // New code: identify_root_cause now runs before check_metrics.
        var changed = new IncidentAgent(Store, executions);
        using (new CheckpointScope(id, Store))
        {
            string logs = await changed.AnalyzeLogsAsync(id, "api"); // replayed
            var ex = await Assert.ThrowsAsync<CheckpointMismatchException>(() => changed.ApplyFixAsync(id, "memory limit too low"));
            Assert.Equal("apply_fix", ex.ExpectedStep);
            Assert.Equal("check_metrics", ex.RecordedStep);
            Assert.Contains("skipped, renamed or reordered", ex.Message);
        }

        Assert.Equal(1, executions["apply_fix"]); // the failed first attempt only: the mismatch ran nothing
        Assert.True((await CheckpointWorkflows.GetRunAsync(Store, id))!.RunningSteps.Count == 0); // its claim was released

        // The unchanged code still resumes.
        using (new CheckpointScope(id, Store))
        {
            await new IncidentAgent(Store, executions).RunAsync(id, "api");
        }

        Assert.Equal(2, executions["apply_fix"]);
    }

    [Fact]
    public async Task A_renamed_step_raises_CheckpointMismatchException_at_the_renamed_step()
    {
        string id = NewId();
        var analyze = new CheckpointPolicy("Tests.V1.Analyze", new CheckpointOptions { Step = "analyze" });
        var analyzeRenamed = new CheckpointPolicy("Tests.V2.Analyze", new CheckpointOptions { Step = "analyze_v2" });
        using (new CheckpointScope(id, Store))
        {
            (await analyze.BeginAsync<int>(null, null, "fp")).Complete(1);
        }

        using (new CheckpointScope(id, Store))
        {
            var ex = await Assert.ThrowsAsync<CheckpointMismatchException>(async () => await analyzeRenamed.BeginAsync<int>(null, null, "fp"));
            Assert.Equal("analyze_v2", ex.ExpectedStep);
            Assert.Equal("analyze", ex.RecordedStep);
            Assert.Equal(id, ex.WorkflowId);
        }
    }

    [Fact]
    public async Task Without_a_scope_a_run_seen_from_its_first_step_is_checked_for_skipped_steps()
    {
        string id = NewId();
        var a = new CheckpointPolicy("Tests.P.A", new CheckpointOptions { Step = "a" });
        var b = new CheckpointPolicy("Tests.P.B", new CheckpointOptions { Step = "b" });
        var c = new CheckpointPolicy("Tests.P.C", new CheckpointOptions { Step = "c" });
        (await a.BeginAsync<int>(Store, id, "fp")).Complete(1);
        (await b.BeginAsync<int>(Store, id, "fp")).Complete(2);

        // A "new process": another store instance over the same records (the in-memory store cannot have one; the
        // same instance has seen a and b complete, so its run state is already complete and c is accepted below).
        IDurableStore other = Store is FileDurableStore file ? new FileDurableStore(file.Directory, Clock) : Store;
        if (other != Store)
        {
            Assert.True((await a.BeginAsync<int>(other, id, "fp")).IsReplay); // first contact: journal[0], so checked
            var ex = await Assert.ThrowsAsync<CheckpointMismatchException>(async () => await c.BeginAsync<int>(other, id, "fp"));
            Assert.Equal("c", ex.ExpectedStep);
            Assert.Equal("b", ex.RecordedStep);
            Assert.True((await b.BeginAsync<int>(other, id, "fp")).IsReplay);
        }

        CheckpointStep<int> step = await c.BeginAsync<int>(other, id, "fp");
        Assert.False(step.IsReplay);
        await step.CompleteAsync(3);
        Assert.Equal(new[] { "a", "b", "c" }, (await CheckpointWorkflows.GetRunAsync(Store, id))!.CompletedSteps);
    }

    [Fact]
    public async Task Concurrent_workers_on_one_workflow_id_do_not_both_execute_a_step()
    {
        var clock = new FakeClock(DateTimeOffset.UtcNow);
        IDurableStore store = CreateStore(clock);
        var policy = new CheckpointPolicy("Tests.Agent.Deploy", new CheckpointOptions { Step = "deploy", LeaseSeconds = 60 });
        string id = NewId();
        int executions = 0;
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<string> DeployAsync()
        {
            CheckpointStep<string> step = await policy.BeginAsync<string>(store, id, "fp");
            if (step.IsReplay)
            {
                return step.Result;
            }

            Interlocked.Increment(ref executions);
            inside.TrySetResult();
            await release.Task;
            await step.CompleteAsync("deployed");
            return "deployed";
        }

        Task<string> first = Task.Run(DeployAsync);
        await inside.Task;
        Task<string> second = Task.Run(DeployAsync);

        // The second worker finds the step held and waits on the store's clock.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (clock.RequestedDelays.Count == 0)
        {
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        Assert.False(second.IsCompleted);
        release.SetResult();
        Assert.Equal("deployed", await first);
        while (!second.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
            timeout.Token.ThrowIfCancellationRequested();
        }

        Assert.Equal("deployed", await second);
        Assert.Equal(1, executions);
    }

    [Fact]
    public async Task Many_concurrent_workers_run_each_step_of_the_workflow_once()
    {
        // A real clock: the fake one auto-advances through the waiters' polls and would end the holders' leases.
        IDurableStore store = CreateStore(TimeProvider.System);
        string id = NewId();
        var executions = new Dictionary<string, int>();
        Task<string>[] workers = Enumerable.Range(0, 4).Select(_ => Task.Run(() => new IncidentAgent(store, executions).RunAsync(id, "api"))).ToArray();
        string[] outcomes = await Task.WhenAll(workers);
        Assert.All(outcomes, o => Assert.Equal(outcomes[0], o));
        Assert.All(executions.Values, count => Assert.Equal(1, count));
        Assert.Equal(5, executions.Count);
    }

    [Fact]
    public async Task Runs_are_listed_with_their_progress_and_a_finished_run_can_be_deleted()
    {
        string done = NewId();
        string crashed = NewId();
        var executions = new Dictionary<string, int>();
        await new IncidentAgent(Store, executions).RunAsync(done, "api");
        await new IncidentAgent(Store, executions).AnalyzeLogsAsync(crashed, "api");
        CheckpointStep<string> interrupted = await IncidentAgent.CheckMetricsPolicy.BeginAsync<string>(Store, crashed, IncidentAgent.Fp("api"));
        Assert.False(interrupted.IsReplay);

        IReadOnlyList<CheckpointRunInfo> runs = await CheckpointWorkflows.ListRunsAsync(Store);
        CheckpointRunInfo crashedRun = Assert.Single(runs, r => r.WorkflowId == crashed);
        Assert.Equal(new[] { "analyze_logs" }, crashedRun.CompletedSteps);
        Assert.Equal(new[] { "check_metrics" }, crashedRun.RunningSteps);
        Assert.Equal(5, Assert.Single(runs, r => r.WorkflowId == done).CompletedSteps.Count);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await CheckpointWorkflows.DeleteRunAsync(Store, crashed));
        Assert.True(await CheckpointWorkflows.DeleteRunAsync(Store, done) >= 10); // 5 steps + 5 journal entries
        Assert.Null(await CheckpointWorkflows.GetRunAsync(Store, done));
        Assert.True(await CheckpointWorkflows.DeleteRunAsync(Store, crashed, force: true) > 0);

        // A deleted run starts afresh.
        await new IncidentAgent(Store, executions).RunAsync(done, "api");
        Assert.Equal(2, executions["verify_fix"]);
    }

    [Fact]
    public async Task A_deleted_run_restarted_in_the_same_scope_is_journaled_afresh()
    {
        string id = NewId();
        var executions = new Dictionary<string, int>();
        using (new CheckpointScope(id, Store))
        {
            await new IncidentAgent(Store, executions).RunAsync(id, "api");
            await CheckpointWorkflows.DeleteRunAsync(Store, id);
            await new IncidentAgent(Store, executions).RunAsync(id, "api");
        }

        Assert.All(executions.Values, count => Assert.Equal(2, count));
        Assert.Equal(
            new[] { "analyze_logs", "check_metrics", "identify_root_cause", "apply_fix", "verify_fix" },
            (await CheckpointWorkflows.GetRunAsync(Store, id))!.CompletedSteps);
        Assert.Equal(10, await CheckpointWorkflows.DeleteRunAsync(Store, id)); // 5 steps + 5 journal entries, no stale gaps
    }

    [Fact]
    public async Task A_completion_whose_journal_entry_was_lost_to_a_crash_is_journaled_when_it_replays()
    {
        string id = NewId();
        var a = new CheckpointPolicy("Tests.J.A", new CheckpointOptions { Step = "a" });
        var b = new CheckpointPolicy("Tests.J.B", new CheckpointOptions { Step = "b" });
        (await a.BeginAsync<int>(Store, id, "fp")).Complete(1);
        Assert.True(await Store.DeleteAsync("checkpoint:" + id + ":j:00000000")); // as if the process died before the append

        using (new CheckpointScope(id, Store))
        {
            Assert.True((await a.BeginAsync<int>(null, null, "fp")).IsReplay);
            Assert.Equal("a", (await Store.GetAsync("checkpoint:" + id + ":j:00000000"))!.Fingerprint);
            (await b.BeginAsync<int>(null, null, "fp")).Complete(2);
        }

        Assert.Equal(new[] { "a", "b" }, (await CheckpointWorkflows.GetRunAsync(Store, id))!.CompletedSteps);
    }

    [Fact]
    public async Task Retention_keeps_at_most_N_runs_and_deletes_runs_older_than_the_max_age()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        IDurableStore store = CreateStore(clock);
        var policy = new CheckpointPolicy("Tests.Agent.Work", CheckpointOptions.Default);
        string prefix = NewId();
        for (int i = 0; i < 5; i++)
        {
            (await policy.BeginAsync<int>(store, $"{prefix}-{i}", "fp")).Complete(i);
            clock.Advance(TimeSpan.FromHours(1));
        }

        // 5 runs, updated 5h, 4h, 3h, 2h and 1h ago.
        IReadOnlyList<string> old = await CheckpointWorkflows.ApplyRetentionAsync(store, new CheckpointRetention { MaxAge = TimeSpan.FromHours(3.5) });
        Assert.Equal(new[] { $"{prefix}-0", $"{prefix}-1" }, old.OrderBy(x => x));

        IReadOnlyList<string> excess = await CheckpointWorkflows.ApplyRetentionAsync(store, new CheckpointRetention { MaxRuns = 2 });
        Assert.Equal(new[] { $"{prefix}-2" }, excess);
        Assert.Equal(new[] { $"{prefix}-4", $"{prefix}-3" }, (await CheckpointWorkflows.ListRunsAsync(store)).Select(r => r.WorkflowId).Where(w => w.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_saved_result_that_cannot_be_read_raises_CheckpointCorruptedException()
    {
        string id = NewId();
        string key = "checkpoint:" + id + ":s:Broken";
        ClaimResult claim = await Store.TryClaimAsync(key, "fp", DurableClaim.NewOwner(), TimeSpan.FromMinutes(1));
        await Store.CompleteAsync(claim.Claim, "{ this is not json"u8.ToArray(), TimeSpan.FromDays(1));

        var policy = new CheckpointPolicy("Tests.Agent.Broken", CheckpointOptions.Default);
        var ex = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await policy.BeginAsync<int>(Store, id, "fp"));
        Assert.Equal("Broken", ex.Step);
        Assert.Equal(id, ex.WorkflowId);
        Assert.NotNull(await Store.GetAsync(key)); // not discarded
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new CheckpointPolicy("Tests.Agent.X", new CheckpointOptions { Step = " " }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointPolicy("Tests.Agent.X", new CheckpointOptions { LeaseSeconds = 0 }));
        Assert.Equal("custom", new CheckpointPolicy("Tests.Agent.X", new CheckpointOptions { Step = "custom" }).Step);
    }
}
