// Source: github.com/App-vNext/Polly — src/Polly.Benchmarks/RetryBenchmarks.cs
// Original: policy.Execute(() => Workloads.Action()); ... int count = 0; policy.Execute(() => { if (count++ % 2 == 0) throw new InvalidOperationException(); });
//           and the async twin with ExecuteAsync(() => { if (count++ % 2 == 0) throw ...; return Task.CompletedTask; }).
public partial class RetryBenchmarks
{
    private int _count;
    private int _asyncCount;

    [Retry(MaxRetries = 1, RetryOn = new[] { typeof(InvalidOperationException) })]
    public partial void RetrySynchronousSucceeds();
    private void RetrySynchronousSucceedsCore() => Action();

    [Retry(MaxRetries = 1, RetryOn = new[] { typeof(InvalidOperationException) })]
    public partial int RetrySynchronousWithResultSucceeds();
    private int RetrySynchronousWithResultSucceedsCore() => default;

    [Retry(MaxRetries = 1, RetryOn = new[] { typeof(InvalidOperationException) })]
    public partial void RetrySynchronousThrowsThenSucceeds();
    private void RetrySynchronousThrowsThenSucceedsCore()
    {
        if ({|RES1001:_count++|} % 2 == 0)
        {
            throw new InvalidOperationException();
        }
    }

    [Retry(MaxRetries = 1, RetryOn = new[] { typeof(InvalidOperationException) })]
    public partial Task RetryAsynchronousThrowsThenSucceeds();
    private Task RetryAsynchronousThrowsThenSucceedsCore()
    {
        if ({|RES1001:_asyncCount++|} % 2 == 0)
        {
            throw new InvalidOperationException();
        }

        return Task.CompletedTask;
    }

    private static void Action()
    {
    }
}
