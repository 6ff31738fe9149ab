// Source: github.com/cesarrrguez/CSharpScripts — src/Polly/fallback.csx
// Original: Policy.Handle<Exception>().Fallback(...).Wrap(Policy.Handle<Exception>().Retry(3)).Execute(() => { WriteLine(retries); retries++; throw new Exception(); });
public partial class FallbackScript
{
    private int _retries = 1;

    [Retry(MaxRetries = 3)]
    [Fallback(nameof(RetryExceeded))]
    public partial void Retry();
    private void RetryCore()
    {
        Console.WriteLine(_retries);
        {|RES1001:_retries++|};
        throw new Exception();
    }

    private void RetryExceeded() => Console.WriteLine("Retry exceed");
}
