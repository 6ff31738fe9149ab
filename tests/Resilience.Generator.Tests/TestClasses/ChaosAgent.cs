namespace Resilience.Generator.Tests.TestClasses;

/// <summary>A breaker and a fallback that chaos configuration should exercise without the implementation ever failing.</summary>
public partial class ChaosAgent
{
    public int CoreCalls;

    [CircuitBreaker(Name = "tests.chaos.breaker", FailureThreshold = 2, BreakDurationMs = 60_000)]
    [Fallback(nameof(Cached))]
    public partial Task<string> FetchAsync(string service, CancellationToken cancellationToken);
    private Task<string> FetchAsyncCore(string service, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref CoreCalls);
        return Task.FromResult("live:" + service);
    }

    private Task<string> Cached(string service, CancellationToken cancellationToken) => Task.FromResult("cached:" + service);

    [Retry(MaxRetries = 2, BaseDelayMs = 0)]
    public partial int Count();
    private int CountCore() => Interlocked.Increment(ref CoreCalls);
}
