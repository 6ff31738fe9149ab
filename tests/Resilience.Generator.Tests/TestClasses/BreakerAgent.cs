namespace Resilience.Generator.Tests.TestClasses;

public partial class BreakerAgent(FlakyService service)
{
    public FlakyService Service => service;

    [CircuitBreaker(Name = "tests.breaker.consecutive", FailureThreshold = 2, BreakDurationMs = 1_000, HalfOpenSuccesses = 1)]
    public partial int Call();
    private int CallCore() => service.Call();

    /// <summary>Every retry attempt passes through the breaker; once it opens, the loop stops calling the implementation.</summary>
    [Retry(MaxRetries = 5, BaseDelayMs = 0, AbortOn = new[] { typeof(CircuitBreakerOpenException) })]
    [CircuitBreaker(Name = "tests.breaker.retried", FailureThreshold = 3, BreakDurationMs = 10_000)]
    public partial Task<int> RetriedAsync(CancellationToken cancellationToken);
    private Task<int> RetriedAsyncCore(CancellationToken cancellationToken) => Task.FromResult(service.Call());

    [CircuitBreaker(Name = "tests.breaker.ignore", FailureThreshold = 1, IgnoreOn = new[] { typeof(PermanentException) })]
    public partial int Ignoring();
    private int IgnoringCore() => service.Call();
}

public partial class BulkheadAgent
{
    public TaskCompletionSource Gate { get; } = new();

    public int Running;

    [Bulkhead(Name = "tests.bulkhead", MaxConcurrency = 2, MaxQueue = 1)]
    public partial Task<int> WorkAsync(CancellationToken cancellationToken);
    private async Task<int> WorkAsyncCore(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Running);
        await Gate.Task.WaitAsync(cancellationToken);
        return Interlocked.Decrement(ref Running);
    }
}
