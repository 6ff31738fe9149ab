// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase1.cs
// Original: Policy.Handle<Exception>().RetryAsync().ExecuteAsync(async () => { Console.WriteLine(n); await Task.Delay(1000); throw new Exception(); });
public partial class RetryCase1
{
    private int _n;

    [Retry]
    public partial Task RunAsync();
    private async Task RunAsyncCore()
    {
        Console.WriteLine(_n);
        await Task.Delay(1000);
        throw new Exception();
    }
}
