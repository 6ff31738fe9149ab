// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase5.cs
// Original: three WaitAndRetryAsync(3, ...) policies (HttpRequestException/TimeoutException, and all but cancellation/disposal), each
//           .ExecuteAsync(async () => { Console.WriteLine(DateTime.Now.ToString()); await Task.Delay(1000); throw new HttpRequestException(); });
public partial class RetryCase5
{
    [Retry(MaxRetries = 3, BaseDelayMs = 1000, RetryOn = new[] { typeof(HttpRequestException), typeof(TimeoutException) })]
    public partial Task RunOnHttpErrorsAsync();
    private async Task RunOnHttpErrorsAsyncCore()
    {
        Console.WriteLine(DateTime.Now.ToString());
        await Task.Delay(1000);
        throw new HttpRequestException();
    }

    [Retry(MaxRetries = 3, BaseDelayMs = 1000)]
    public partial Task RunOnAnyErrorAsync();
    private async Task RunOnAnyErrorAsyncCore()
    {
        Console.WriteLine(DateTime.Now.ToString());
        await Task.Delay(1000);
        throw new HttpRequestException();
    }
}
