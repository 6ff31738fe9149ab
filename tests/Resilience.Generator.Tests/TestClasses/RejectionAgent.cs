namespace Resilience.Generator.Tests.TestClasses;

/// <summary>Breakers right under a fallback that answers rejections: an open breaker goes to the fallback without throwing.</summary>
public partial class RejectionAgent(FlakyService service)
{
    public FlakyService Service => service;

    public static List<CircuitBreakerStateChangedEventArgs> Changes { get; } = new();

    public Exception? SeenFailure { get; private set; }

    public bool FallbackFails { get; set; }

    [CircuitBreaker(Name = "tests.rejection.plain", FailureThreshold = 1, BreakDurationMs = 1_000, HalfOpenSuccesses = 1, OnStateChange = nameof(OnChange))]
    [Fallback(nameof(Cached))]
    public partial int Plain();
    private int PlainCore() => service.Call();
    private int Cached() => FallbackFails ? throw new PermanentException("cache down") : -1;

    [CircuitBreaker(Name = "tests.rejection.exhausted", FailureThreshold = 1, BreakDurationMs = 1_000)]
    [Fallback(nameof(Cached))]
    public partial int Exhausted();
    private int ExhaustedCore() => service.Call();

    [CircuitBreaker(Name = "tests.rejection.exception", FailureThreshold = 1, BreakDurationMs = 1_000)]
    [Fallback(nameof(CachedWithFailureAsync))]
    public partial ValueTask<int> WithExceptionAsync(CancellationToken cancellationToken);
    private ValueTask<int> WithExceptionAsyncCore(CancellationToken cancellationToken) => new(service.Call());
    private ValueTask<int> CachedWithFailureAsync(CancellationToken cancellationToken, Exception failure)
    {
        SeenFailure = failure;
        return new(-1);
    }

    [CircuitBreaker(Name = "tests.rejection.skipped", FailureThreshold = 1, BreakDurationMs = 1_000)]
    [Fallback(nameof(Cached), SkipOn = new[] { typeof(CircuitBreakerOpenException) })]
    public partial int Skipped();
    private int SkippedCore() => service.Call();

    [CircuitBreaker(Name = "tests.rejection.handleon", FailureThreshold = 1, BreakDurationMs = 1_000)]
    [Fallback(nameof(Cached), HandleOn = new[] { typeof(ResilienceException), typeof(TransientException) })]
    public partial int HandleOnBase();
    private int HandleOnBaseCore() => service.Call();

    [CircuitBreaker(Name = "tests.rejection.stress", FailureThreshold = 1, BreakDurationMs = 1_000)]
    [Fallback(nameof(CachedAsync))]
    public partial Task<int> StressAsync();
    private Task<int> StressAsyncCore() => Task.FromResult(service.Call());
    private Task<int> CachedAsync() => Task.FromResult(-1);

    private static void OnChange(CircuitBreakerStateChangedEventArgs change)
    {
        lock (Changes)
        {
            Changes.Add(change);
        }
    }
}
