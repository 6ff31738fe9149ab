// Checkpoint write throughput, next to the raw durable write it is built on, measured in the same run:
//   file:     a raw loop of write temp file + fsync + rename + fsync(directory)   vs   checkpoint steps on FileDurableStore
//   postgres: a raw loop of autocommitted INSERTs of a similar row                vs   checkpoint steps on PostgresDurableStore
// A checkpoint step is Begin (claim: one durable write) + Complete (result+state: one durable write) + the journal append
// (claim + complete: two durable writes), so ~4 raw writes per step is the expected ratio.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using Resilience;

string directory = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "ckpt-bench"));
string? connectionString = args.Length > 1 && args[1] != "-" ? args[1] : null;
int ops = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 400;
const int StepsPerWorkflow = 10;
byte[] payload = new byte[200];
Random.Shared.NextBytes(payload);
var state = new { Notes = new[] { "logs: OOMKilled x3", "metrics: memory 98%", "cause: memory limit too low" }, Attempts = 1 };
var policies = Enumerable.Range(0, StepsPerWorkflow).Select(i => new CheckpointPolicy("Bench.Workflow.Step" + i, CheckpointOptions.Default)).ToArray();

if (Directory.Exists(directory))
{
    Directory.Delete(directory, recursive: true);
}

Directory.CreateDirectory(directory);
Console.WriteLine($"{ops} operations each, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}");

Report("raw file write+fsync+rename+fsync(dir)", ops, RawFileLoop(Path.Combine(directory, "raw"), ops));
Report("checkpoint step, file store", ops, await CheckpointLoopAsync(new FileDurableStore(Path.Combine(directory, "store")), ops));

if (connectionString is not null)
{
    await using NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
    Report("raw INSERT (autocommit)", ops, await RawInsertLoopAsync(dataSource, ops));
    var store = new PostgresDurableStore(dataSource, "bench_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    await store.MigrateAsync();
    Report("checkpoint step, PostgreSQL store", ops, await CheckpointLoopAsync(store, ops));
}

return 0;

async Task<TimeSpan> CheckpointLoopAsync(IDurableStore store, int count)
{
    await RunSteps(store, "warmup", Math.Min(count, StepsPerWorkflow));
    var watch = Stopwatch.StartNew();
    await RunSteps(store, "run", count);
    return watch.Elapsed;
}

async Task RunSteps(IDurableStore store, string prefix, int count)
{
    for (int i = 0; i < count; i++)
    {
        string workflowId = prefix + "-" + (i / StepsPerWorkflow).ToString(CultureInfo.InvariantCulture);
        CheckpointStep<byte[]> step = await policies[i % StepsPerWorkflow].BeginAsync<byte[]>(store, workflowId, "fp");
        await step.CompleteAsync(payload, state);
    }
}

TimeSpan RawFileLoop(string dir, int count)
{
    Directory.CreateDirectory(dir);
    byte[] record = new byte[payload.Length * 2 + 400];
    Random.Shared.NextBytes(record);
    var watch = Stopwatch.StartNew();
    for (int i = 0; i < count; i++)
    {
        string temp = Path.Combine(dir, "x.tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
        {
            stream.Write(record);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path.Combine(dir, i.ToString(CultureInfo.InvariantCulture) + ".rec"), overwrite: true);
        FsyncDirectory(dir);
    }

    return watch.Elapsed;
}

async Task<TimeSpan> RawInsertLoopAsync(NpgsqlDataSource dataSource, int count)
{
    string table = "bench_raw_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    await using (NpgsqlCommand create = dataSource.CreateCommand($"CREATE TABLE {table} (key text PRIMARY KEY, payload bytea NOT NULL, checksum text NOT NULL)"))
    {
        await create.ExecuteNonQueryAsync();
    }

    var watch = Stopwatch.StartNew();
    for (int i = 0; i < count; i++)
    {
        await using NpgsqlCommand insert = dataSource.CreateCommand($"INSERT INTO {table} (key, payload, checksum) VALUES ($1, $2, $3)");
        insert.Parameters.Add(new NpgsqlParameter { Value = "k" + i.ToString(CultureInfo.InvariantCulture) });
        insert.Parameters.Add(new NpgsqlParameter { Value = payload });
        insert.Parameters.Add(new NpgsqlParameter { Value = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" });
        await insert.ExecuteNonQueryAsync();
    }

    return watch.Elapsed;
}

static void Report(string name, int count, TimeSpan elapsed) =>
    Console.WriteLine($"{name,-42} {count / elapsed.TotalSeconds,10:F0} ops/s  {elapsed.TotalMilliseconds * 1000 / count,10:F0} us/op");

static void FsyncDirectory(string dir)
{
    int fd = open(dir, 0);
    _ = fsync(fd);
    _ = close(fd);
}

[DllImport("libc", SetLastError = true)]
static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

[DllImport("libc", SetLastError = true)]
static extern int fsync(int fd);

[DllImport("libc", SetLastError = true)]
static extern int close(int fd);
