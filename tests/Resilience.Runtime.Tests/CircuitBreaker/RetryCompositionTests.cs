using Resilience.Runtime.Tests.Configuration;

namespace Resilience.Runtime.Tests.Breakers;

/// <summary>Retry → CircuitBreaker → implementation, written out as the generator emits it.</summary>
public sealed class RetryCompositionTests : GlobalStateTest
{
    private int _coreCalls;

    private int Core()
    {
        _coreCalls++;
        throw new DependencyDownException();
    }

    private int Call(RetryPolicy retryPolicy, CircuitBreakerPolicy breakerPolicy, CancellationToken cancellationToken)
    {
        var retry = new RetryState(retryPolicy);
        while (true)
        {
            try
            {
                var breaker = breakerPolicy.Enter();
                try
                {
                    var result = Core();
                    breaker.OnSuccess();
                    return result;
                }
                catch (Exception ex)
                {
                    breaker.OnFailure(ex, cancellationToken);
                    throw;
                }
            }
            catch (Exception ex) when (retry.ShouldRetry(ex, cancellationToken))
            {
                retry.OnRetry(ex);
            }

            retry.Wait(cancellationToken);
        }
    }

    [Fact]
    public void Every_attempt_passes_the_breaker_and_once_open_the_implementation_is_not_called()
    {
        var retryPolicy = new RetryPolicy(UniqueName("retry"), new RetryOptions { MaxRetries = 5, BaseDelayMs = 0, Jitter = Jitter.None });
        var breakerPolicy = new CircuitBreakerPolicy(UniqueName("cb"), new CircuitBreakerOptions { FailureThreshold = 3, BreakDurationMs = 30_000 });

        Assert.Throws<CircuitBreakerOpenException>(() => Call(retryPolicy, breakerPolicy, default));

        Assert.Equal(3, _coreCalls);
        CircuitBreakerStatistics stats = breakerPolicy.Breaker.Statistics;
        Assert.Equal(3, stats.Failures);
        Assert.Equal(3, stats.Rejections); // attempts 4, 5 and 6
        Assert.Equal(CircuitBreakerState.Open, stats.State);
    }

    [Fact]
    public void Retrying_on_only_the_implementations_failure_stops_at_the_open_breaker()
    {
        var retryPolicy = new RetryPolicy(UniqueName("retry"), new RetryOptions
        {
            MaxRetries = 5,
            BaseDelayMs = 0,
            Jitter = Jitter.None,
            Exceptions = new ExceptionTypeFilter(null, new[] { typeof(CircuitBreakerOpenException) }),
        });
        var breakerPolicy = new CircuitBreakerPolicy(UniqueName("cb"), new CircuitBreakerOptions { FailureThreshold = 2 });

        Assert.Throws<CircuitBreakerOpenException>(() => Call(retryPolicy, breakerPolicy, default));

        Assert.Equal(2, _coreCalls);
        Assert.Equal(1, breakerPolicy.Breaker.Statistics.Rejections);
    }
}
