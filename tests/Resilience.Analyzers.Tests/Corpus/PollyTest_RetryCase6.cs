// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase6.cs
// Original: p1.WrapAsync(p2).ExecuteAsync(async () => { Console.WriteLine(DateTime.Now.ToString()); await Task.Delay(1000);
//           var i = DateTime.Now.Millisecond; if (i % 2 == 0) throw new HttpRequestException(); else throw new OperationCanceledException(); });
public partial class RetryCase6
{
    [Retry(MaxRetries = 3, BaseDelayMs = 1000, RetryOn = new[] { typeof(HttpRequestException), typeof(TimeoutException), typeof(OperationCanceledException) })]
    public partial Task RunAsync();
    private async Task RunAsyncCore()
    {
        Console.WriteLine(DateTime.Now.ToString());
        await Task.Delay(1000);
        var i = DateTime.Now.Millisecond;
        if (i % 2 == 0)
        {
            throw new HttpRequestException();
        }

        throw new OperationCanceledException();
    }
}
