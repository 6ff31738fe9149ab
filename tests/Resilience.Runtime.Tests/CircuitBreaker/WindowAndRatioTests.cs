using Resilience.Runtime.Tests.Configuration;
using static Resilience.Runtime.Tests.Breakers.BreakerCalls;

namespace Resilience.Runtime.Tests.Breakers;

public sealed class FailuresInWindowTests : GlobalStateTest
{
    private CircuitBreakerPolicy NewPolicy(int threshold = 3, int windowMs = 10_000) =>
        new(UniqueName("window"), new CircuitBreakerOptions { FailureThreshold = threshold, SamplingDurationMs = windowMs, BreakDurationMs = 1_000, HalfOpenSuccesses = 1 });

    [Fact]
    public void Opens_when_threshold_failures_fall_within_the_window_even_between_successes()
    {
        var policy = NewPolicy();
        Assert.Equal(CircuitBreakerMode.FailuresInWindow, policy.Options.Mode);

        Fail(policy);
        Succeed(policy);
        Time.Advance(TimeSpan.FromSeconds(4));
        Fail(policy);
        Succeed(policy);
        Time.Advance(TimeSpan.FromSeconds(5));
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.FailuresInWindow, policy.Breaker.Statistics.LastTransitionReason);
    }

    [Fact]
    public void Failures_that_left_the_window_do_not_count()
    {
        var policy = NewPolicy();

        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(6));
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(4)); // the first failure is exactly 10 s old: out of the window
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy); // now three within 4 s
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void Recloses_after_trials_and_counts_afresh()
    {
        var policy = NewPolicy(threshold: 2);
        Fail(policy);
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Succeed(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);

        Fail(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }
}

public sealed class FailureRatioTests : GlobalStateTest
{
    private CircuitBreakerPolicy NewPolicy(double ratio = 0.5, int minimumThroughput = 4, int windowMs = 10_000) =>
        new(UniqueName("ratio"), new CircuitBreakerOptions
        {
            FailureRatio = ratio,
            MinimumThroughput = minimumThroughput,
            SamplingDurationMs = windowMs,
            BreakDurationMs = 1_000,
            HalfOpenSuccesses = 1,
        });

    [Fact]
    public void Does_not_open_below_the_minimum_throughput_even_when_everything_fails()
    {
        var policy = NewPolicy(minimumThroughput: 4);
        Fail(policy);
        Fail(policy);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.FailureRatio, policy.Breaker.Statistics.LastTransitionReason);
    }

    [Fact]
    public void Opens_when_the_failure_ratio_is_reached_and_not_before()
    {
        var policy = NewPolicy(ratio: 0.5, minimumThroughput: 4);
        Succeed(policy);
        Succeed(policy);
        Succeed(policy);
        Fail(policy); // 1/4
        Fail(policy); // 2/5
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy); // 3/6 = 0.5
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void Samples_age_out_of_the_sliding_window()
    {
        var policy = NewPolicy(ratio: 0.5, minimumThroughput: 4, windowMs: 10_000);
        Fail(policy);
        Fail(policy);
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(10)); // those three have left the window
        Succeed(policy);
        Succeed(policy);
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy); // 2 of 4 in the window
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void Ratio_mode_without_a_sampling_duration_uses_a_30_second_window()
    {
        var options = new CircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2 };
        Assert.Equal(CircuitBreakerMode.FailureRatio, options.Mode);
        Assert.Equal(TimeSpan.FromSeconds(30), options.SamplingDuration);

        var policy = new CircuitBreakerPolicy(UniqueName("ratio"), options);
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(25));
        Fail(policy); // both within 30 s
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);

        var other = new CircuitBreakerPolicy(UniqueName("ratio"), options);
        Fail(other);
        Time.Advance(TimeSpan.FromSeconds(31));
        Fail(other);
        Assert.Equal(CircuitBreakerState.Closed, other.Breaker.State);
    }

    [Fact]
    public void Goes_through_every_state()
    {
        var policy = NewPolicy(ratio: 1.0, minimumThroughput: 1);
        var seen = new List<(CircuitBreakerState, CircuitBreakerState)>();
        policy.Breaker.StateChanged += (_, e) => seen.Add((e.OldState, e.NewState));

        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Succeed(policy);

        Assert.Equal(
            new[]
            {
                (CircuitBreakerState.Closed, CircuitBreakerState.Open),
                (CircuitBreakerState.Open, CircuitBreakerState.HalfOpen),
                (CircuitBreakerState.HalfOpen, CircuitBreakerState.Open),
                (CircuitBreakerState.Open, CircuitBreakerState.HalfOpen),
                (CircuitBreakerState.HalfOpen, CircuitBreakerState.Closed),
            },
            seen);
    }
}
