namespace Resilience.Generator.Tests.TestClasses;

public partial class RetryAgent(FlakyService service)
{
    public FlakyService Service => service;

    [Retry(MaxRetries = 3, BaseDelayMs = 100, Jitter = Jitter.None)]
    public partial int Exponential();
    private int ExponentialCore() => service.Call();

    [Retry(MaxRetries = 4, BaseDelayMs = 100, MaxDelayMs = 250, Jitter = Jitter.None)]
    public partial int Capped();
    private int CappedCore() => service.Call();

    [Retry(MaxRetries = 3, BaseDelayMs = 50, Backoff = Backoff.Linear, Jitter = Jitter.None)]
    public partial int Linear();
    private int LinearCore() => service.Call();

    [Retry(MaxRetries = 3, BaseDelayMs = 70, Backoff = Backoff.Constant, Jitter = Jitter.None)]
    public partial int Constant();
    private int ConstantCore() => service.Call();

    [Retry(MaxRetries = 3, BaseDelayMs = 10, ExponentialBase = 3.0, Jitter = Jitter.None)]
    public partial int BaseThree();
    private int BaseThreeCore() => service.Call();

    [Retry(MaxRetries = 5, BaseDelayMs = 100, Jitter = Jitter.Full)]
    public partial int FullJitter();
    private int FullJitterCore() => service.Call();

    [Retry(MaxRetries = 5, BaseDelayMs = 100, Jitter = Jitter.Equal)]
    public partial int EqualJitter();
    private int EqualJitterCore() => service.Call();

    [Retry(MaxRetries = 5, BaseDelayMs = 100, MaxDelayMs = 1000, Jitter = Jitter.Decorrelated)]
    public partial int DecorrelatedJitter();
    private int DecorrelatedJitterCore() => service.Call();

    [Retry(MaxRetries = 10, BaseDelayMs = 100, Jitter = Jitter.None, MaxTotalDelayMs = 350)]
    public partial int Budgeted();
    private int BudgetedCore() => service.Call();

    [Retry(MaxRetries = 0)]
    public partial int Never();
    private int NeverCore() => service.Call();

    [Retry(MaxRetries = 3, BaseDelayMs = 0, RetryOn = new[] { typeof(TransientException), typeof(TimeoutException) })]
    public partial int OnlyTransient();
    private int OnlyTransientCore() => service.Call();

    [Retry(MaxRetries = 3, BaseDelayMs = 0, AbortOn = new[] { typeof(PermanentException) })]
    public partial int AbortOnPermanent();
    private int AbortOnPermanentCore() => service.Call();

    [Retry(MaxRetries = 3, BaseDelayMs = 0, ShouldRetry = nameof(IsRetryable))]
    public partial int Predicate();
    private int PredicateCore() => service.Call();
    private static bool IsRetryable(Exception exception) => exception.Message.StartsWith("retry", StringComparison.Ordinal);

    [Retry(MaxRetries = 3, BaseDelayMs = 0)]
    public partial Task<int> CancellableAsync(CancellationToken cancellationToken);
    private Task<int> CancellableAsyncCore(CancellationToken cancellationToken)
    {
        service.Call();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(service.Calls);
    }

    [Retry(MaxRetries = 2, BaseDelayMs = 100, Jitter = Jitter.None)]
    public partial Task<int> DelayedAsync(CancellationToken cancellationToken);
    private async Task<int> DelayedAsyncCore(CancellationToken cancellationToken)
    {
        await Task.Yield();
        return service.Call();
    }
}
