using Microsoft.Extensions.Configuration;

namespace Resilience.Runtime.Tests.Configuration;

public sealed class GlobalSwitchTests : GlobalStateTest
{
    [Fact]
    public void Configuration_switches_each_kind_off_and_a_reload_switches_it_back_on()
    {
        IConfigurationRoot config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Resilience:Enabled:Retry"] = "false",
            ["Resilience:Enabled:CircuitBreaker"] = "false",
            ["Resilience:Enabled:Timeout"] = "false",
            ["Resilience:Enabled:Bulkhead"] = "false",
            ["Resilience:Enabled:Fallback"] = "false",
        }).Build();
        var retry = new RetryPolicy(UniqueName("r"), new RetryOptions { MaxRetries = 3 });
        var timeout = new TimeoutPolicy(UniqueName("t"), new TimeoutOptions { Ms = 10 });
        var fallback = new FallbackPolicy(UniqueName("f"), "Cached", FallbackOptions.Default);
        var breaker = new CircuitBreakerPolicy(UniqueName("cb"), new CircuitBreakerOptions());
        var bulkhead = new BulkheadPolicy(UniqueName("bh"), new BulkheadOptions { MaxConcurrency = 1 });
        breaker.Breaker.Isolate();
        using IDisposable binding = ResilienceConfiguration.Bind(config);
        var failure = new InvalidOperationException();
        using var caller = new CancellationTokenSource();

        Assert.False(new RetryState(retry).ShouldRetry(failure, default));
        using (TimeoutAttempt scope = timeout.Start(caller.Token))
        {
            Assert.Equal(caller.Token, scope.Token);
            Time.Advance(TimeSpan.FromSeconds(1));
            Assert.False(scope.Token.IsCancellationRequested);
            Assert.False(scope.IsTimeout(new OperationCanceledException()));
        }

        Assert.Empty(Time.RequestedDelays); // no timer was started
        Assert.False(fallback.Handles(failure, default));
        breaker.Enter().OnSuccess();
        using (bulkhead.Enter(default))
        using (bulkhead.Enter(default))
        {
        }

        config["Resilience:Enabled:Retry"] = "true";
        config["Resilience:Enabled:Timeout"] = null;
        config["Resilience:Enabled:Fallback"] = "True";
        config["Resilience:Enabled:CircuitBreaker"] = null;
        config["Resilience:Enabled:Bulkhead"] = null;
        config.Reload();

        Assert.True(new RetryState(retry).ShouldRetry(failure, default));
        using (TimeoutAttempt scope = timeout.Start(default))
        {
            Time.Advance(TimeSpan.FromMilliseconds(10));
            Assert.True(scope.Token.IsCancellationRequested);
        }

        Assert.True(fallback.Handles(failure, default));
        Assert.Throws<CircuitBreakerOpenException>(() => breaker.Enter());
        using (bulkhead.Enter(default))
        {
            Assert.Throws<BulkheadRejectedException>(() => bulkhead.Enter(default));
        }
    }

    [Fact]
    public void SetEnabled_switches_a_kind_in_code()
    {
        var retry = new RetryPolicy(UniqueName("r"), new RetryOptions());
        ResilienceRuntime.SetEnabled(PolicyKind.Retry, false);
        Assert.False(ResilienceRuntime.IsEnabled(PolicyKind.Retry));
        Assert.True(ResilienceRuntime.IsEnabled(PolicyKind.Timeout));
        Assert.False(new RetryState(retry).ShouldRetry(new InvalidOperationException(), default));
        ResilienceRuntime.SetEnabled(PolicyKind.Retry, true);
        Assert.True(new RetryState(retry).ShouldRetry(new InvalidOperationException(), default));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResilienceRuntime.SetEnabled((PolicyKind)42, false));
    }

    [Fact]
    public async Task A_switched_off_timeout_does_not_abandon_a_task()
    {
        var timeout = new TimeoutPolicy(UniqueName("t"), new TimeoutOptions { Ms = 10 });
        var pending = new TaskCompletionSource<int>();
        ResilienceRuntime.SetEnabled(PolicyKind.Timeout, false);

        Task<int> waited = timeout.AbandonAfterTimeout(pending.Task);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(waited.IsCompleted);
        pending.SetResult(5);
        Assert.Equal(5, await waited);
    }
}
