using Resilience.Runtime.Tests.Stores;

namespace Resilience.Runtime.Tests.Checkpoints;

/// <summary>
/// A real OS process runs a 5-step checkpointed workflow on a file store and is killed (SIGKILL, i.e. kill -9) at a step
/// boundary or inside a step; a new process resumes it with the same workflow id.
/// </summary>
public sealed class CheckpointCrashTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "resilience-ckpt-crash-" + Guid.NewGuid().ToString("N").Substring(0, 12));

    public CheckpointCrashTests() => Directory.CreateDirectory(_work);

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("inside:1")]
    [InlineData("inside:2")]
    [InlineData("inside:3")]
    [InlineData("inside:4")]
    [InlineData("inside:5")]
    [InlineData("after:1")]
    [InlineData("after:2")]
    [InlineData("after:3")]
    [InlineData("after:4")]
    [InlineData("after:5")]
    public async Task A_workflow_killed_with_kill_9_resumes_running_completed_steps_once_and_the_interrupted_step_at_most_twice(string crashPoint)
    {
        string records = Path.Combine(_work, "records");
        string ledger = Path.Combine(_work, "ledger.txt");
        const string workflowId = "incident-7";

        string line = await StoreWorkerRunner.RunCheckpointWorkflowWithCrashAsync("file", records, "-", workflowId, ledger, crashPoint);
        Assert.Equal("done s1,s2,s3,s4,s5 150", line);

        Dictionary<string, int> runs = StoreWorkerRunner.CountStepRuns(ledger);
        int interrupted = crashPoint.StartsWith("inside:", StringComparison.Ordinal) ? int.Parse(crashPoint.Substring(7)) : 0;
        for (int k = 1; k <= 5; k++)
        {
            int expected = k == interrupted ? 2 : 1;
            Assert.True(runs.GetValueOrDefault("step" + k) == expected, $"step{k} ran {runs.GetValueOrDefault("step" + k)} times, expected {expected} ({crashPoint})");
        }

        CheckpointRunInfo run = (await CheckpointWorkflows.GetRunAsync(new FileDurableStore(records), workflowId))!;
        Assert.Equal(Enumerable.Range(1, 5).Select(k => "Step" + k + "Async"), run.CompletedSteps);
        Assert.Empty(run.RunningSteps);
    }
}
