using Resilience.Runtime.Tests.Configuration;
using static Resilience.Runtime.Tests.Breakers.BreakerCalls;

namespace Resilience.Runtime.Tests.Breakers;

public sealed class RegistryAndHealthTests : GlobalStateTest
{
    private static readonly CircuitBreakerOptions OneFailure = new() { FailureThreshold = 1, BreakDurationMs = 1_000, HalfOpenSuccesses = 1 };

    [Fact]
    public void Looks_breakers_up_by_name_and_operates_them()
    {
        var registry = new CircuitBreakerRegistry();
        var policy = new CircuitBreakerPolicy("payments", OneFailure, registry);

        Assert.True(registry.TryGet("payments", out CircuitBreaker? found));
        Assert.Same(policy.Breaker, found);
        Assert.False(registry.TryGet("nope", out _));
        Assert.Throws<KeyNotFoundException>(() => registry["nope"]);

        registry.Isolate("payments");
        Assert.Equal(CircuitBreakerState.Isolated, registry.GetState("payments"));
        registry.Reset("payments");
        Assert.Equal(CircuitBreakerState.Closed, registry.GetState("payments"));
    }

    [Fact]
    public void Health_is_healthy_when_all_closed_degraded_when_any_open_or_half_open_unhealthy_when_any_isolated()
    {
        var registry = new CircuitBreakerRegistry();
        Assert.Equal(ResilienceHealthStatus.Healthy, registry.GetHealthReport().Status);

        var b = new CircuitBreakerPolicy("b", OneFailure, registry);
        var a = new CircuitBreakerPolicy("a", OneFailure, registry);
        CircuitBreakerHealthReport report = registry.GetHealthReport();
        Assert.Equal(ResilienceHealthStatus.Healthy, report.Status);
        Assert.Equal(new[] { "a", "b" }, report.Entries.Select(e => e.Name));

        Fail(a);
        report = registry.GetHealthReport();
        Assert.Equal(ResilienceHealthStatus.Degraded, report.Status);
        Assert.Equal(ResilienceHealthStatus.Degraded, report.Entries[0].Status);
        Assert.Equal(TimeSpan.FromSeconds(1), report.Entries[0].RetryAfter);
        Assert.Equal(ResilienceHealthStatus.Healthy, report.Entries[1].Status);
        Assert.Equal(1, report.Entries[0].Statistics.Failures);

        Time.Advance(TimeSpan.FromSeconds(1));
        CircuitBreakerPermit trial = a.Enter();
        Assert.Equal(CircuitBreakerState.HalfOpen, registry.GetHealthReport().Entries[0].State);
        Assert.Equal(ResilienceHealthStatus.Degraded, registry.GetHealthReport().Status);
        trial.OnSuccess();
        Assert.Equal(ResilienceHealthStatus.Healthy, registry.GetHealthReport().Status);

        b.Breaker.Isolate();
        report = registry.GetHealthReport();
        Assert.Equal(ResilienceHealthStatus.Unhealthy, report.Status);
        Assert.Equal(Time.GetUtcNow(), report.Time);
    }

    [Fact]
    public void StateChanged_reports_each_transition_on_the_breaker_and_the_registry()
    {
        var registry = new CircuitBreakerRegistry();
        var policy = new CircuitBreakerPolicy("search", OneFailure, registry);
        var onBreaker = new List<CircuitBreakerStateChangedEventArgs>();
        var onRegistry = new List<(object?, CircuitBreakerStateChangedEventArgs)>();
        policy.Breaker.StateChanged += (_, e) => onBreaker.Add(e);
        registry.StateChanged += (sender, e) => onRegistry.Add((sender, e));

        Fail(policy);
        DateTimeOffset openedAt = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(1));
        Succeed(policy);
        policy.Breaker.Isolate();

        Assert.Equal(
            new[] { CircuitBreakerTransitionReason.ConsecutiveFailures, CircuitBreakerTransitionReason.BreakElapsed, CircuitBreakerTransitionReason.TrialsSucceeded, CircuitBreakerTransitionReason.Isolated },
            onBreaker.Select(e => e.Reason));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, onBreaker.Select(e => e.Sequence));
        Assert.All(onBreaker, e => Assert.Equal("search", e.BreakerName));
        Assert.Equal(openedAt, onBreaker[0].Time);
        Assert.Equal(CircuitBreakerState.Isolated, onBreaker[3].NewState);
        Assert.Equal(onBreaker, onRegistry.Select(p => p.Item2));
        Assert.All(onRegistry, p => Assert.Same(policy.Breaker, p.Item1));
    }

    [Fact]
    public void A_throwing_handler_does_not_break_the_call()
    {
        var registry = new CircuitBreakerRegistry();
        var policy = new CircuitBreakerPolicy("flaky-handler", OneFailure, registry);
        int later = 0;
        policy.Breaker.StateChanged += (_, _) => throw new InvalidOperationException("handler bug");
        policy.Breaker.StateChanged += (_, _) => later++;

        Fail(policy);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(1, later);
    }

    [Fact]
    public void The_default_registry_holds_the_breakers_of_policies()
    {
        string name = UniqueName("default");
        var policy = new CircuitBreakerPolicy(name, OneFailure);
        Assert.Contains(policy.Breaker, CircuitBreakerRegistry.Default.Breakers);
        Assert.Contains(CircuitBreakerRegistry.Default.GetHealthReport().Entries, e => e.Name == name);
        Assert.Contains(name, ResiliencePolicyRegistry.GetNames(PolicyKind.CircuitBreaker));
    }
}

public sealed class BreakerOverrideTests : GlobalStateTest
{
    [Fact]
    public void Changing_the_options_restarts_counting_and_repeating_them_keeps_the_counts()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), new CircuitBreakerOptions { FailureThreshold = 3 });
        Fail(policy);
        Fail(policy);

        policy.Override(new CircuitBreakerOptions { FailureThreshold = 3 }); // equal values: counts kept
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);

        policy.Breaker.Reset();
        Fail(policy);
        policy.Override(new CircuitBreakerOptions { FailureThreshold = 2 }); // new values: counting starts afresh
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);

        policy.Override(null);
        Assert.Same(policy.Breaker.DefaultOptions, policy.Options);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.Override(new CircuitBreakerOptions { MinimumThroughput = 0 }));
    }

    [Fact]
    public void A_stand_alone_breaker_works_without_a_registry()
    {
        var breaker = new CircuitBreaker("standalone", new CircuitBreakerOptions { FailureThreshold = 1 });
        breaker.Enter().OnFailure(new DependencyDownException(), default);
        Assert.Equal(CircuitBreakerState.Open, breaker.State);
        Assert.False(CircuitBreakerRegistry.Default.TryGet("standalone", out _));
    }
}
