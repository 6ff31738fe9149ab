using System.Globalization;
using System.Text;
using Resilience;

/// <summary>The 5-step workflow of the kill -9 test, in the shape the generator emits for [Checkpoint] methods.</summary>
internal static class CheckpointWorkflow
{
    private static readonly CheckpointPolicy[] s_steps = Enumerable.Range(1, 5)
        .Select(k => new CheckpointPolicy("StoreWorker.Workflow.Step" + k.ToString(CultureInfo.InvariantCulture) + "Async", new CheckpointOptions { LeaseSeconds = 2 }))
        .ToArray();

    public static async Task<int> RunAsync(IDurableStore store, string workflowId, string ledgerPath, string crashPoint)
    {
        var state = new List<string>();
        int sum = 0;
        for (int k = 1; k <= 5; k++)
        {
            sum += await StepAsync(k);
            if (crashPoint == "after:" + k.ToString(CultureInfo.InvariantCulture))
            {
                await CrashAsync(crashPoint);
            }
        }

        Console.WriteLine($"done {string.Join(",", state)} {sum}");
        return 0;

        async Task<int> StepAsync(int k)
        {
            var fingerprint = new ArgumentFingerprint();
            fingerprint.Add(k);
            CheckpointStep<int> step = await s_steps[k - 1].BeginAsync<int>(store, workflowId, fingerprint.ToHexString());
            if (step.IsReplay)
            {
                if (step.TryGetState(out List<string> restored))
                {
                    state = restored;
                }

                return step.Result;
            }

            int result;
            try
            {
                using (var ledger = new FileStream(ledgerPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
                {
                    ledger.Write(Encoding.UTF8.GetBytes($"step{k} {Environment.ProcessId}\n"));
                    ledger.Flush(flushToDisk: true);
                }

                state.Add("s" + k.ToString(CultureInfo.InvariantCulture));
                if (crashPoint == "inside:" + k.ToString(CultureInfo.InvariantCulture))
                {
                    await CrashAsync(crashPoint);
                }

                result = k * 10;
            }
            catch
            {
                await step.ReleaseAsync();
                throw;
            }

            await step.CompleteAsync(result, state);
            return result;
        }
    }

    private static async Task CrashAsync(string point)
    {
        Console.WriteLine("crash " + point);
        await Task.Delay(Timeout.Infinite);
    }
}
