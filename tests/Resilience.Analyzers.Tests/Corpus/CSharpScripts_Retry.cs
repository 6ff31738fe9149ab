// Source: github.com/cesarrrguez/CSharpScripts — src/Polly/retry.csx
// Original: Policy.Handle<Exception>().WaitAndRetryAsync(3, ..., onRetry: (ex, time) => { ...; retries++; })
//           .ExecuteAndCaptureAsync(async () => { WriteLine("Calling API..."); await Task.Delay(TimeSpan.FromSeconds(1)); throw new Exception("API failed."); });
// The counter lives in the onRetry callback, not in the retried body.
public partial class RetryScript
{
    [Retry(MaxRetries = 3)]
    public partial Task RetryAsync();
    private async Task RetryAsyncCore()
    {
        Console.WriteLine("Calling API...");
        await Task.Delay(TimeSpan.FromSeconds(1));
        throw new Exception("API failed.");
    }
}
