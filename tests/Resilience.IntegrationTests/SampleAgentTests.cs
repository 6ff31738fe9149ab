namespace Resilience.IntegrationTests;

/// <summary>
/// Runs the two agent samples end to end in-process, each on its own state directory: a run that crashes mid-workflow,
/// then the run that resumes it. Both share process-wide state (breakers, the default store), so they run one at a time.
/// </summary>
[Collection(SampleCollection.Name)]
public sealed class SampleAgentTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("resilience-sample-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task Incident_agent_crashes_inside_remediation_and_the_next_run_resumes_without_repeating_actions()
    {
        var first = new StringWriter();
        int crashed = await IncidentResponseAgent.IncidentDemo.RunAsync(new[] { "--state-dir", _state, "--crash-at", "apply-remediation" }, first);

        string log1 = first.ToString();
        Assert.Equal(3, crashed);
        Assert.Contains("datadog metrics call 3: ok", log1);                          // retry recovered after two 503s
        Assert.Contains("circuit breaker 'datadog': Closed → Open", log1);           // the logs endpoint opened the breaker
        Assert.Contains("fallback: continuing without logs (CircuitBreakerOpenException", log1);
        Assert.Contains("restart #1", log1);
        Assert.DoesNotContain("flush #1", log1);
        Assert.Contains("CRASH inside step 'apply-remediation'", log1);

        var second = new StringWriter();
        int resolved = await IncidentResponseAgent.IncidentDemo.RunAsync(new[] { "--state-dir", _state }, second);

        string log2 = second.ToString();
        Assert.Equal(0, resolved);
        Assert.DoesNotContain("datadog metrics call", log2.Substring(0, log2.IndexOf("[3]", StringComparison.Ordinal))); // steps 1-2 restored, not executed
        Assert.Equal(2, CountOf(log2, "restored from the checkpoint"));
        Assert.DoesNotContain("restart #", log2);                                     // the idempotent restart was replayed
        Assert.Contains("flush #1", log2);
        Assert.Contains("RESOLVED INC-20240111-001", log2);
        Assert.Contains("root cause: connection pool exhaustion after a deploy", log2.Substring(log2.IndexOf("RESOLVED", StringComparison.Ordinal)));
        Assert.Contains("resilience.idempotent.replays", log2);
    }

    [Fact]
    public async Task Incident_agent_reports_degradation_levels_and_under_chaos_serves_the_last_known_good_metrics_of_the_previous_run()
    {
        var first = new StringWriter();
        Assert.Equal(0, await IncidentResponseAgent.IncidentDemo.RunAsync(new[] { "--state-dir", _state }, first));

        string log1 = first.ToString();
        Assert.Contains("degraded answer, level Slight (1): NoLogs for FetchLogsAsync", log1);
        // Step 4: the breaker the logs opened rejects the metrics call, and the metrics of step 1 answer.
        Assert.Contains("degraded answer, level Slight (1): LastKnownGood (stale, under a minute old) for FetchMetricsAsync", log1);
        Assert.Contains("Degradation: 2 degraded answer(s), worst level Slight (1); breakers: Degraded", log1);
        // Self-healing: five recoveries of the logs client fail (the endpoint stays down), then it escalates and pages.
        Assert.Contains("reconnect the datadog logs client (attempt 5)", log1);
        Assert.DoesNotContain("(attempt 6)", log1);
        Assert.Contains("self-healing gave up: datadog-logs: 5 failed recoveries in a row", log1);
        Assert.Contains("page on-call for INC-20240111-001: datadog-logs", log1);

        // A new process with every metrics call failing (chaos configuration): the file store still has the metrics.
        var chaos = new StringWriter();
        Assert.Equal(0, await IncidentResponseAgent.IncidentDemo.RunAsync(new[] { "--state-dir", _state, "--chaos" }, chaos));

        string log2 = chaos.ToString();
        Assert.Contains("RESOLVED INC-20240111-CHAOS", log2);
        Assert.DoesNotContain("datadog metrics call", log2);                         // every attempt failed by injection
        Assert.Contains("circuit breaker 'datadog': Closed → Open", log2);
        Assert.Equal(2, CountOf(log2, "level Slight (1): LastKnownGood (stale"));
        Assert.DoesNotContain("default metrics", log2);
        Assert.Contains("resilience.chaos.injected", log2);

        // Without a stored value the chain goes on to the defaults, one level lower.
        var cold = new StringWriter();
        Assert.Equal(0, await IncidentResponseAgent.IncidentDemo.RunAsync(new[] { "--state-dir", Path.Combine(_state, "cold"), "--chaos" }, cold));
        Assert.Contains("degraded answer, level Moderate (2): CachedMetrics for FetchMetricsAsync", cold.ToString());
    }

    [Fact]
    public async Task Migration_agent_applies_each_migration_once_in_dependency_order_across_a_crash()
    {
        var first = new StringWriter();
        int crashed = await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state, "--crash-after", "002" }, first);

        string log1 = first.ToString();
        Assert.Equal(3, crashed);
        Assert.Contains("plan: 001 → 002 → 003 → 004", log1);
        Assert.Contains("transient failure", log1);
        Assert.Contains("self-heal: connection pool reset", log1);
        Assert.Contains("monitoring unavailable", log1);

        var second = new StringWriter();
        int done = await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state }, second);

        string log2 = second.ToString();
        Assert.Equal(0, done);
        Assert.Equal(2, CountOf(log2, "(in an earlier run: not executed again)"));   // 001 and 002
        Assert.Contains("verified: 4 migration(s)", log2);
    }

    [Fact]
    public async Task Migration_agent_dry_run_executes_nothing_and_rollback_undoes_the_applied_migrations_newest_first()
    {
        var dry = new StringWriter();
        Assert.Equal(0, await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state, "--dry-run" }, dry));
        Assert.Equal(4, CountOf(dry.ToString(), ": would run: "));
        Assert.DoesNotContain("db call", dry.ToString());

        Assert.Equal(0, await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state }, new StringWriter()));
        var dryAfter = new StringWriter();
        Assert.Equal(0, await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state, "--dry-run" }, dryAfter));
        Assert.Equal(4, CountOf(dryAfter.ToString(), "already applied, would be skipped"));

        var rollback = new StringWriter();
        Assert.Equal(0, await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state, "--rollback" }, rollback));
        string log = rollback.ToString();
        int[] positions = new[] { "rolled back 004", "rolled back 003", "rolled back 002", "rolled back 001" }.Select(p => log.IndexOf(p, StringComparison.Ordinal)).ToArray();
        Assert.All(positions, p => Assert.True(p >= 0, log));
        Assert.Equal(positions.OrderBy(p => p), positions);                           // reverse dependency order
        Assert.Contains("rolled back: 4 migration(s)", log);

        var again = new StringWriter();
        Assert.Equal(0, await DatabaseMigrationAgent.MigrationDemo.RunAsync(new[] { "--state-dir", _state }, again));
        Assert.DoesNotContain("(in an earlier run: not executed again)", again.ToString()); // applied again after the rollback
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SampleCollection
{
    public const string Name = "Samples";
}
