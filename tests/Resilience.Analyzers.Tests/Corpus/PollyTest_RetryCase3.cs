// Source: github.com/guoicq/PollyTest — PollyTest/PollyTest/RetryCase3.cs
// Original: Policy.Handle<Exception>().RetryAsync(3, (ex, i) => Console.WriteLine(...)).ExecuteAsync(async () => { Console.WriteLine(DateTime.Now.ToString()); await Task.Delay(1000); throw new Exception(); });
public partial class RetryCase3
{
    [Retry(MaxRetries = 3)]
    public partial Task RunAsync();
    private async Task RunAsyncCore()
    {
        Console.WriteLine(DateTime.Now.ToString());
        await Task.Delay(1000);
        throw new Exception();
    }
}
