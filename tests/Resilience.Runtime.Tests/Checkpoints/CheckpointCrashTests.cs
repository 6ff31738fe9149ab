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

        using (StoreWorkerRunner.Worker crashing = StoreWorkerRunner.Start("workflow", "file", records, workflowId, ledger, crashPoint))
        {
            Assert.Equal("crash " + crashPoint, await crashing.ReadLineAsync(TimeSpan.FromSeconds(60)));
            crashing.Kill(); // SIGKILL: no finally blocks, no release of the claim
        }

        // Restart until done (one restart is enough: a run without a crash point finishes or fails).
        string? line = null;
        for (int attempt = 0; attempt < 3 && line is null; attempt++)
        {
            using StoreWorkerRunner.Worker worker = StoreWorkerRunner.Start("workflow", "file", records, workflowId, ledger, "none");
            string? output = await worker.ReadLineAsync(TimeSpan.FromSeconds(60));
            Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), "worker did not exit");
            Assert.True(worker.Process.ExitCode == 0, $"worker failed: {output} {await worker.ErrorsAsync()}");
            line = output;
        }

        Assert.Equal("done s1,s2,s3,s4,s5 150", line);

        Dictionary<string, int> runs = File.ReadAllLines(ledger).Where(l => l.Length > 0)
            .GroupBy(l => l.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count());
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
