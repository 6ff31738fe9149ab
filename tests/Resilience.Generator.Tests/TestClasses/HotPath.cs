namespace Resilience.Generator.Tests.TestClasses;

/// <summary>Methods on the success path whose generated wrappers must not allocate.</summary>
public partial class HotPath
{
    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [Fallback(nameof(Zero))]
    public partial int Sync(int value);
    private int SyncCore(int value) => value + 1;
    private int Zero(int value) => 0;

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [Fallback(nameof(ZeroAsync))]
    public partial ValueTask<int> SyncCompletingAsync(int value);
    private ValueTask<int> SyncCompletingAsyncCore(int value) => new(value + 1);
    private ValueTask<int> ZeroAsync(int value) => new(0);

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [Timeout(5_000)]
    [Fallback(nameof(ZeroWithToken))]
    public partial int SyncWithTimeout(int value, CancellationToken cancellationToken);
    private int SyncWithTimeoutCore(int value, CancellationToken cancellationToken) => value + 1;
    private int ZeroWithToken(int value, CancellationToken cancellationToken) => 0;

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [Timeout(5_000)]
    [Fallback(nameof(ZeroWithTokenAsync))]
    public partial ValueTask<int> SyncCompletingWithTimeoutAsync(int value, CancellationToken cancellationToken);
    private ValueTask<int> SyncCompletingWithTimeoutAsyncCore(int value, CancellationToken cancellationToken) => new(value + 1);
    private ValueTask<int> ZeroWithTokenAsync(int value, CancellationToken cancellationToken) => new(0);

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    public partial void Void();
    private void VoidCore() { }

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [CircuitBreaker(Name = "hotpath.all", FailureThreshold = 5)]
    [Timeout(5_000)]
    [Bulkhead(Name = "hotpath.all", MaxConcurrency = 4)]
    [Fallback(nameof(ZeroWithToken))]
    public partial int AllFive(int value, CancellationToken cancellationToken);
    private int AllFiveCore(int value, CancellationToken cancellationToken) => value + 1;

    [Retry(MaxRetries = 3, BaseDelayMs = 10)]
    [CircuitBreaker(Name = "hotpath.all", FailureThreshold = 5)]
    [Timeout(5_000)]
    [Bulkhead(Name = "hotpath.all", MaxConcurrency = 4)]
    [Fallback(nameof(ZeroWithTokenAsync))]
    public partial ValueTask<int> AllFiveAsync(int value, CancellationToken cancellationToken);
    private ValueTask<int> AllFiveAsyncCore(int value, CancellationToken cancellationToken) => new(value + 1);

    // Result predicates on every policy that takes one: still nothing allocated on the success path.
    [Retry(MaxRetries = 3, BaseDelayMs = 10, RetryOnResult = nameof(IsNegative), OnRetry = nameof(OnRetry))]
    [CircuitBreaker(Name = "hotpath.results", FailureThreshold = 5, HandleOnResult = nameof(IsNegative))]
    [Fallback(nameof(Zero), HandleOnResult = nameof(IsNegative))]
    public partial int SyncWithResultPredicates(int value);
    private int SyncWithResultPredicatesCore(int value) => value + 1;

    [Retry(MaxRetries = 3, BaseDelayMs = 10, RetryOnResult = nameof(IsNegative), OnRetry = nameof(OnRetry))]
    [CircuitBreaker(Name = "hotpath.results", FailureThreshold = 5, HandleOnResult = nameof(IsNegative))]
    [Fallback(nameof(ZeroAsync), HandleOnResult = nameof(IsNegative))]
    public partial ValueTask<int> SyncCompletingWithResultPredicatesAsync(int value);
    private ValueTask<int> SyncCompletingWithResultPredicatesAsyncCore(int value) => new(value + 1);

    // An open breaker whose rejection the fallback answers: the fallback runs without a CircuitBreakerOpenException being created or thrown.
    [CircuitBreaker(Name = "hotpath.rejected", FailureThreshold = 5)]
    [Fallback(nameof(Zero))]
    public partial int Rejected(int value);
    private int RejectedCore(int value) => value + 1;

    [CircuitBreaker(Name = "hotpath.rejected", FailureThreshold = 5)]
    [Fallback(nameof(ZeroAsync))]
    public partial ValueTask<int> RejectedAsync(int value);
    private ValueTask<int> RejectedAsyncCore(int value) => new(value + 1);

    private static bool IsNegative(int value) => value < 0;
    private static void OnRetry(RetryAttempt<int> attempt) { }
}
