using Npgsql;
using Resilience.Runtime.Tests.Stores;

namespace Resilience.Runtime.Postgres.Tests;

/// <summary>The kill -9 checkpoint test on PostgreSQL: a worker process killed inside or after a step, then resumed.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckpointCrashTests : IDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly string _schema = "ck_" + Guid.NewGuid().ToString("N").Substring(0, 12);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "resilience-pgck-" + Guid.NewGuid().ToString("N").Substring(0, 12));

    public PostgresCheckpointCrashTests(PostgresServerFixture server)
    {
        _server = server;
        Directory.CreateDirectory(_work);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("inside:1")]
    [InlineData("inside:3")]
    [InlineData("inside:5")]
    [InlineData("after:2")]
    [InlineData("after:4")]
    public async Task A_workflow_killed_with_kill_9_resumes_running_completed_steps_once_and_the_interrupted_step_at_most_twice(string crashPoint)
    {
        string ledger = Path.Combine(_work, "ledger.txt");
        string workflowId = "incident-" + crashPoint.Replace(':', '-');
        string line = await StoreWorkerRunner.RunCheckpointWorkflowWithCrashAsync("postgres", _server.ConnectionString, _schema, workflowId, ledger, crashPoint);
        Assert.Equal("done s1,s2,s3,s4,s5 150", line);

        Dictionary<string, int> runs = StoreWorkerRunner.CountStepRuns(ledger);
        int interrupted = crashPoint.StartsWith("inside:", StringComparison.Ordinal) ? int.Parse(crashPoint.Substring(7)) : 0;
        for (int k = 1; k <= 5; k++)
        {
            int expected = k == interrupted ? 2 : 1;
            Assert.True(runs.GetValueOrDefault("step" + k) == expected, $"step{k} ran {runs.GetValueOrDefault("step" + k)} times, expected {expected} ({crashPoint})");
        }

        await using NpgsqlDataSource dataSource = _server.CreateDataSource();
        CheckpointRunInfo run = (await CheckpointWorkflows.GetRunAsync(new PostgresDurableStore(dataSource, _schema), workflowId))!;
        Assert.Equal(Enumerable.Range(1, 5).Select(k => "Step" + k + "Async"), run.CompletedSteps);
        Assert.Empty(run.RunningSteps);
    }
}
