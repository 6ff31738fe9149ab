using Resilience;

namespace DatabaseMigrationAgent;

/// <summary>
/// The database migration agent of the reference exercise: each migration is applied at most once (idempotent, keyed by
/// its id, in a durable store shared by every run), transient connection failures are retried with backoff behind a
/// breaker on the database, an exhausted pool heals itself, monitoring degrades to a local log, and the run's phases are
/// checkpointed so a crashed run resumes.
/// </summary>
public sealed partial class MigrationAgent(IMigrationDatabase database, UnreachableMonitoring monitoring, TextWriter output, string? crashAfter)
{
    public async Task<IReadOnlyList<MigrationReceipt>> RunAsync(string runId, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        output.WriteLine($"run {runId} against the {database.Description}");
        string[] order = await PlanAsync(runId, migrations, cancellationToken);
        output.WriteLine($"plan: {string.Join(" → ", order)}");

        var receipts = new List<MigrationReceipt>();
        foreach (string id in order)
        {
            Migration migration = migrations.Single(m => m.Id == id);
            output.WriteLine($"\nmigration {migration.Id} {migration.Name}");
            MigrationReceipt receipt = await ApplyMigrationAsync(migration, cancellationToken);
            output.WriteLine($"  applied at {receipt.AppliedAt:HH:mm:ss.fff}{(_applied.Contains(migration.Id) ? string.Empty : " (in an earlier run: not executed again)")}");
            receipts.Add(receipt);
            await ReportAsync("migrations.applied", receipts.Count, cancellationToken);
            if (migration.Id == crashAfter)
            {
                throw new InvalidOperationException($"simulated crash after migration {migration.Id}");
            }
        }

        int verified = await VerifyAsync(runId, receipts.Count, cancellationToken);
        output.WriteLine($"\nverified: {verified} migration(s) applied in dependency order");
        return receipts;
    }

    /// <summary>--dry-run: the order the migrations would run in and what each would execute; nothing runs, nothing is stored.</summary>
    public async Task DryRunAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        output.WriteLine($"dry run against the {database.Description}: nothing is executed");
        foreach (Migration migration in MigrationPlan.Order(migrations))
        {
            bool applied = await IsAppliedAsync(migration, cancellationToken);
            output.WriteLine($"  {migration.Id} {migration.Name}: {(applied ? "already applied, would be skipped" : "would run: " + migration.Sql)}");
        }
    }

    /// <summary>
    /// --rollback: undoes the applied migrations in reverse dependency order, each retried like the migrations, and forgets
    /// its idempotency record so a later run applies it again. A crash between the two runs the (IF EXISTS) undo again.
    /// </summary>
    public async Task<int> RollbackAsync(IReadOnlyList<Migration> migrations, CancellationToken cancellationToken)
    {
        output.WriteLine($"rollback against the {database.Description}");
        int rolledBack = 0;
        foreach (Migration migration in MigrationPlan.Order(migrations).Reverse())
        {
            if (!await IsAppliedAsync(migration, cancellationToken))
            {
                continue;
            }

            output.WriteLine($"\nrollback {migration.Id} {migration.Name}");
            await RollbackMigrationAsync(migration, cancellationToken);
            await ResilienceStores.Default.DeleteAsync(AppliedKey(migration), cancellationToken);
            output.WriteLine($"  rolled back {migration.Id}");
            rolledBack++;
        }

        output.WriteLine($"\nrolled back: {rolledBack} migration(s), newest first");
        return rolledBack;
    }

    [Retry(MaxRetries = 4, BaseDelayMs = 50, Jitter = Jitter.Equal, ShouldRetry = nameof(IsTransient))]
    [CircuitBreaker(Name = "database", FailureThreshold = 4, BreakDurationMs = 10_000)]
    [Timeout(30_000)]
    public partial Task RollbackMigrationAsync(Migration migration, CancellationToken cancellationToken);

    private async Task RollbackMigrationAsyncCore(Migration migration, CancellationToken cancellationToken)
    {
        try
        {
            await database.ExecuteAsync(migration.DownSql, cancellationToken);
        }
        catch (ConnectionPoolExhaustedException)
        {
            database.ResetConnectionPool();
            throw;
        }
    }

    // The record [Idempotent(Key = "migration:{migration.Id}")] on ApplyMigrationAsync keeps: its store key.
    private static string AppliedKey(Migration migration) =>
        IdempotencyPolicy.KeyPrefix + "DatabaseMigrationAgent.MigrationAgent.ApplyMigrationAsync:migration:" + migration.Id;

    private static async Task<bool> IsAppliedAsync(Migration migration, CancellationToken cancellationToken) =>
        await ResilienceStores.Default.GetAsync(AppliedKey(migration), cancellationToken) is { State: DurableRecordState.Completed };

    /// <summary>Ordering is a checkpointed step: a resumed run keeps the plan it started with.</summary>
    [Checkpoint(Step = "plan")]
    public partial Task<string[]> PlanAsync([WorkflowId] string runId, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken);

    private Task<string[]> PlanAsyncCore(string runId, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken) =>
        Task.FromResult(MigrationPlan.Order(migrations).Select(m => m.Id).ToArray());

    /// <summary>At most once per migration id, whatever crashes or retries happen around it.</summary>
    [Idempotent(Key = "migration:{migration.Id}")]
    [Retry(MaxRetries = 4, BaseDelayMs = 50, Jitter = Jitter.Equal, ShouldRetry = nameof(IsTransient))]
    [CircuitBreaker(Name = "database", FailureThreshold = 4, BreakDurationMs = 10_000)]
    [Timeout(30_000)]
    public partial Task<MigrationReceipt> ApplyMigrationAsync(Migration migration, CancellationToken cancellationToken);

    private async Task<MigrationReceipt> ApplyMigrationAsyncCore(Migration migration, CancellationToken cancellationToken)
    {
        try
        {
            await database.ExecuteAsync(migration.Sql, cancellationToken);
        }
        catch (ConnectionPoolExhaustedException)
        {
            database.ResetConnectionPool(); // self-heal, then let the retry try again on fresh connections
            throw;
        }

#pragma warning disable RES1005 // justification: narration only (which migrations this process executed)
        _applied.Add(migration.Id);
#pragma warning restore RES1005
        return new MigrationReceipt(migration.Id, migration.Name, DateTimeOffset.UtcNow);
    }

    private static bool IsTransient(Exception exception) => exception is TimeoutException or ConnectionPoolExhaustedException or Npgsql.NpgsqlException { IsTransient: true };

    /// <summary>Monitoring is optional: a short timeout, a breaker of its own, and a local log when it is down.</summary>
    [CircuitBreaker(Name = "monitoring", FailureThreshold = 2, BreakDurationMs = 60_000)]
    [Timeout(500)]
    [Fallback(nameof(ReportLocally))]
    public partial Task ReportAsync(string metric, double value, CancellationToken cancellationToken);

    private Task ReportAsyncCore(string metric, double value, CancellationToken cancellationToken) => monitoring.ReportAsync(metric, value, cancellationToken);

    private void ReportLocally(string metric, double value, CancellationToken cancellationToken, Exception failure) =>
        output.WriteLine($"  (monitoring unavailable: {failure.GetType().Name}; {metric}={value} logged locally)");

    [Checkpoint(Step = "verify")]
    public partial Task<int> VerifyAsync([WorkflowId] string runId, int expected, CancellationToken cancellationToken);

    private Task<int> VerifyAsyncCore(string runId, int expected, CancellationToken cancellationToken) => Task.FromResult(expected);

    private readonly HashSet<string> _applied = new();
}
