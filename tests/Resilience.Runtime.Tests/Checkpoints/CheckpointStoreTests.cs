using Resilience.Testing;

namespace Resilience.Runtime.Tests.Checkpoints;

public sealed class InMemoryCheckpointTests : CheckpointTests
{
    protected override IDurableStore CreateStore(TimeProvider clock) => new InMemoryDurableStore(clock);
}

public sealed class FileCheckpointTests : CheckpointTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "resilience-ckpt-" + Guid.NewGuid().ToString("N").Substring(0, 12));

    protected override IDurableStore CreateStore(TimeProvider clock) => new FileDurableStore(_directory, clock);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_flipped_byte_in_a_step_record_raises_CheckpointCorruptedException_with_the_file_path()
    {
        var store = (FileDurableStore)Store;
        string id = NewId();
        await new IncidentAgent(store, new()).AnalyzeLogsAsync(id, "api");
        string path = store.GetRecordPath("checkpoint:" + id + ":s:analyze_logs");
        byte[] bytes = await File.ReadAllBytesAsync(path);
        int at = System.Text.Encoding.UTF8.GetString(bytes).IndexOf("\"payload\":\"", StringComparison.Ordinal) + 15; // inside the base64 payload
        bytes[at] = bytes[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        await File.WriteAllBytesAsync(path, bytes);

        var ex = await Assert.ThrowsAsync<CheckpointCorruptedException>(() => new IncidentAgent(store, new()).AnalyzeLogsAsync(id, "api"));
        Assert.Equal(id, ex.WorkflowId);
        Assert.Equal("analyze_logs", ex.Step);
        Assert.Equal(path, ex.Location);
        Assert.Contains(path, ex.Message);
        Assert.IsType<DurableRecordCorruptedException>(ex.InnerException);

        // Never used nor discarded: it stays, and the next run fails the same way.
        Assert.True(File.Exists(path));
        await Assert.ThrowsAsync<CheckpointCorruptedException>(() => new IncidentAgent(store, new()).AnalyzeLogsAsync(id, "api"));
        var listing = await Assert.ThrowsAsync<CheckpointCorruptedException>(async () => await CheckpointWorkflows.ListRunsAsync(store));
        Assert.Equal(path, listing.Location);
        Assert.Equal("analyze_logs", listing.Step);
    }

    [Fact]
    public async Task A_truncated_step_record_raises_CheckpointCorruptedException_with_the_file_path()
    {
        var store = (FileDurableStore)Store;
        string id = NewId();
        var executions = new Dictionary<string, int>();
        await new IncidentAgent(store, executions).AnalyzeLogsAsync(id, "api");
        await new IncidentAgent(store, executions).CheckMetricsAsync(id, "api");
        string path = store.GetRecordPath("checkpoint:" + id + ":s:check_metrics");
        byte[] bytes = await File.ReadAllBytesAsync(path);
        await File.WriteAllBytesAsync(path, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var agent = new IncidentAgent(store, executions);
        var ex = await Assert.ThrowsAsync<CheckpointCorruptedException>(() => agent.RunAsync(id, "api"));
        Assert.Equal("check_metrics", ex.Step);
        Assert.Equal(path, ex.Location);
        Assert.Equal(1, executions["check_metrics"]); // not re-run over the corrupt record
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_corrupt_journal_entry_is_reported_not_skipped()
    {
        var store = (FileDurableStore)Store;
        string id = NewId();
        await new IncidentAgent(store, new()).AnalyzeLogsAsync(id, "api");
        string path = store.GetRecordPath("checkpoint:" + id + ":j:00000000");
        await File.WriteAllTextAsync(path, "{ not json");

        // A new process (another store instance over the directory) reads the journal before running a new step.
        var ex = await Assert.ThrowsAsync<CheckpointCorruptedException>(() => new IncidentAgent(new FileDurableStore(store.Directory, Clock), new()).CheckMetricsAsync(id, "api"));
        Assert.Equal(path, ex.Location);
        Assert.Equal(id, ex.WorkflowId);
    }
}
