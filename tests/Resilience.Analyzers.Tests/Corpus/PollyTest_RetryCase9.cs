// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase9.cs
// Original: var n = 0; ... .ExecuteAndCaptureAsync(async () => { n++; Console.WriteLine(n); await Task.Delay(1000); if (n % 5 == 0) return n; else throw new HttpRequestException(); });
public partial class RetryCase9
{
    private int _n;

    [Retry(MaxRetries = 3, BaseDelayMs = 1000)]
    public partial Task<int> RunAsync();
    private async Task<int> RunAsyncCore()
    {
        {|RES1001:_n++|};
        Console.WriteLine(_n);
        await Task.Delay(1000);
        if (_n % 5 == 0)
        {
            return _n;
        }

        throw new HttpRequestException();
    }
}
