using System.Diagnostics;
using System.Reflection;

namespace Resilience.Runtime.Tests.Stores;

/// <summary>Starts tests/Resilience.StoreWorker as real OS processes (<c>dotnet Resilience.StoreWorker.dll …</c>).</summary>
public static class StoreWorkerRunner
{
    public static string WorkerPath
    {
        get
        {
            string configuration = typeof(StoreWorkerRunner).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            string path = Path.GetFullPath(Path.Combine(
                AppContext.BaseDirectory, "..", "..", "..", "..", "Resilience.StoreWorker", "bin", configuration, "net10.0", "Resilience.StoreWorker.dll"));
            return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/Resilience.StoreWorker first.", path);
        }
    }

    public static Worker Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(WorkerPath);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new Worker(Process.Start(info)!);
    }

    /// <summary>Runs the <c>run</c> mode in <paramref name="processes"/> processes at once and returns each ledger line ("key pid").</summary>
    public static async Task<string[]> RunChargesAsync(string store, string target, string schema, string workDirectory, string prefix, int processes, int keys, int duplicates)
    {
        string ledgers = Path.Combine(workDirectory, "ledgers");
        Directory.CreateDirectory(ledgers);
        string go = Path.Combine(workDirectory, "go");
        var workers = new List<Worker>();
        try
        {
            for (int i = 0; i < processes; i++)
            {
                workers.Add(Start("run", store, target, schema, ledgers, prefix, keys.ToString(), duplicates.ToString(), "60", go));
            }

            foreach (Worker worker in workers)
            {
                Assert.Equal("ready", await worker.ReadLineAsync(TimeSpan.FromSeconds(60)));
            }

            await File.WriteAllTextAsync(go, "go");
            foreach (Worker worker in workers)
            {
                string? line = await worker.ReadLineAsync(TimeSpan.FromSeconds(90));
                Assert.True(line?.StartsWith("done ", StringComparison.Ordinal) == true, $"worker said '{line}': {await worker.ErrorsAsync()}");
                Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), "worker did not exit");
                Assert.Equal(0, worker.Process.ExitCode);
            }
        }
        finally
        {
            foreach (Worker worker in workers)
            {
                worker.Dispose();
            }
        }

        return Directory.GetFiles(ledgers, "*.ledger").SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToArray();
    }

    /// <summary>
    /// Runs the <c>workflow</c> mode until it reports <paramref name="crashPoint"/>, kills it (SIGKILL), then restarts it
    /// without a crash point until it finishes; returns its "done ..." line.
    /// </summary>
    public static async Task<string> RunCheckpointWorkflowWithCrashAsync(string store, string target, string schema, string workflowId, string ledger, string crashPoint)
    {
        using (Worker crashing = Start("workflow", store, target, schema, workflowId, ledger, crashPoint))
        {
            string? said = await crashing.ReadLineAsync(TimeSpan.FromSeconds(60));
            Assert.True(said == "crash " + crashPoint, $"worker said '{said}' instead of reaching {crashPoint}");
            crashing.Kill(); // SIGKILL (kill -9): no finally blocks, no release of the claim
        }

        using Worker worker = Start("workflow", store, target, schema, workflowId, ledger, "none");
        string? line = await worker.ReadLineAsync(TimeSpan.FromSeconds(60));
        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), "worker did not exit");
        Assert.True(worker.Process.ExitCode == 0, $"worker failed: {line} {await worker.ErrorsAsync()}");
        return line ?? string.Empty;
    }

    /// <summary>How many times each step of the <c>workflow</c> mode ran, from its ledger.</summary>
    public static Dictionary<string, int> CountStepRuns(string ledger) =>
        File.ReadAllLines(ledger).Where(l => l.Length > 0).GroupBy(l => l.Split(' ')[0]).ToDictionary(g => g.Key, g => g.Count());

    public sealed class Worker : IDisposable
    {
        public Worker(Process process) => Process = process;

        public Process Process { get; }

        public async Task<string?> ReadLineAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                return await Process.StandardOutput.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Worker {Process.Id} printed nothing within {timeout}.");
            }
        }

        public async Task<string> ErrorsAsync()
        {
            if (!Process.HasExited)
            {
                return "(running)";
            }

            return await Process.StandardError.ReadToEndAsync();
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cts.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Kill()
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Kill();
            }

            Process.Dispose();
        }
    }
}
