// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase8.cs
// Original: Policy.Handle<Exception>().RetryAsync(3).ExecuteAsync(async (token) => { Console.WriteLine(DateTime.Now.ToString()); await Task.Delay(1000); throw new Exception(); }, ts.Token)
public partial class RetryCase8
{
    [Retry(MaxRetries = 3)]
    public partial Task RunAsync(CancellationToken token);
    private async Task RunAsyncCore(CancellationToken token)
    {
        Console.WriteLine(DateTime.Now.ToString());
        await Task.Delay(1000, token);
        throw new Exception();
    }
}
