using Resilience.Runtime.Tests.Configuration;
using static Resilience.Runtime.Tests.Breakers.BreakerCalls;

namespace Resilience.Runtime.Tests.Breakers;

public sealed class CountWindowTests : GlobalStateTest
{
    private CircuitBreakerPolicy NewPolicy(int samplingCalls = 4, double ratio = 0.5, int minimumThroughput = 10) =>
        new(UniqueName("calls"), new CircuitBreakerOptions
        {
            FailureRatio = ratio,
            SamplingCalls = samplingCalls,
            MinimumThroughput = minimumThroughput,
            BreakDurationMs = 1_000,
            HalfOpenSuccesses = 1,
        });

    [Fact]
    public void Opens_when_the_ratio_over_the_last_N_calls_reaches_FailureRatio()
    {
        var policy = NewPolicy();
        Assert.Equal(CircuitBreakerMode.FailureRatioInCalls, policy.Options.Mode);

        // The default MinimumThroughput (10) is more than the window holds: the window's size is the minimum then.
        Succeed(policy);
        Fail(policy);
        Succeed(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State); // 3 calls: below min(10, 4)
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State); // 2 of the last 4
        Assert.Equal(CircuitBreakerTransitionReason.FailureRatio, policy.Breaker.Statistics.LastTransitionReason);
    }

    [Fact]
    public void Outcomes_older_than_the_last_N_calls_leave_the_window_however_little_time_passed()
    {
        var policy = NewPolicy(samplingCalls: 4, ratio: 0.75);
        Fail(policy);
        Fail(policy);
        Succeed(policy);
        Succeed(policy); // F F S S: 0.5
        Succeed(policy); // F S S S: the oldest failure dropped
        Fail(policy);    // S S S F: 0.25
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);

        Fail(policy);    // S S F F
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy);    // S F F F: 0.75
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void Time_does_not_age_a_count_window()
    {
        var policy = NewPolicy(samplingCalls: 2, ratio: 1.0);
        Fail(policy);
        Time.Advance(TimeSpan.FromDays(1));
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void A_half_open_breaker_that_closes_starts_an_empty_window()
    {
        var policy = NewPolicy(samplingCalls: 2, ratio: 1.0);
        Fail(policy);
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Succeed(policy); // the trial closes it
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);

        Fail(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State); // the old failures are gone
    }

    [Theory]
    [InlineData(4, 0.0, 0, "needs FailureRatio")]
    [InlineData(4, 0.5, 1_000, "cannot be combined with SamplingDurationMs")]
    [InlineData(-1, 0.5, 0, "must be 0 or more")]
    public void Invalid_combinations_name_the_breaker_and_the_rule(int samplingCalls, double ratio, int samplingDurationMs, string rule)
    {
        var options = new CircuitBreakerOptions { SamplingCalls = samplingCalls, FailureRatio = ratio, SamplingDurationMs = samplingDurationMs };
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate("Contoso.Payments"));
        Assert.Contains("Circuit breaker 'Contoso.Payments'", error.Message);
        Assert.Contains(rule, error.Message);
    }
}

public sealed class SlowCallTests : GlobalStateTest
{
    private void SlowSuccess(CircuitBreakerPolicy policy, int ms) => Run(policy, () => Time.Advance(TimeSpan.FromMilliseconds(ms)));

    [Fact]
    public void Without_a_SlowCallRatio_slow_calls_count_as_failures()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("slow"), new CircuitBreakerOptions { FailureThreshold = 2, SlowCallMs = 500 });

        SlowSuccess(policy, 499);
        SlowSuccess(policy, 499);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Assert.Equal(2, policy.Breaker.Statistics.Successes);

        SlowSuccess(policy, 500);
        SlowSuccess(policy, 2_000);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(2, policy.Breaker.Statistics.Failures);
    }

    [Fact]
    public void A_slow_call_ratio_opens_the_breaker_on_its_own_share()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("slow-ratio"), new CircuitBreakerOptions
        {
            FailureRatio = 1.0, // failures alone would need every call to fail
            SamplingCalls = 4,
            SlowCallMs = 100,
            SlowCallRatio = 0.5,
        });

        Succeed(policy);
        SlowSuccess(policy, 150);
        Succeed(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        SlowSuccess(policy, 150);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.SlowCalls, policy.Breaker.Statistics.LastTransitionReason);
    }

    [Fact]
    public void A_slow_trial_reopens_a_half_open_breaker()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("slow-trial"), new CircuitBreakerOptions { FailureThreshold = 1, SlowCallMs = 100, BreakDurationMs = 1_000, HalfOpenSuccesses = 1 });
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));

        SlowSuccess(policy, 100);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.TrialFailed, policy.Breaker.Statistics.LastTransitionReason);
    }

    [Theory]
    [InlineData(0, 0.5, 0.5, "needs SlowCallMs")]
    [InlineData(100, 0.5, 0.0, "needs a ratio mode")]
    [InlineData(100, 1.5, 0.5, "must be between 0 and 1")]
    public void Invalid_slow_call_settings_are_rejected(int slowCallMs, double slowCallRatio, double failureRatio, string rule)
    {
        var options = new CircuitBreakerOptions { SlowCallMs = slowCallMs, SlowCallRatio = slowCallRatio, FailureRatio = failureRatio };
        Assert.Contains(rule, Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate("b")).Message);
    }
}

public sealed class ResultFailureAndCallbackTests : GlobalStateTest
{
    [Fact]
    public void A_handled_result_counts_as_a_failure_even_outside_HandleOn()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("result"), new CircuitBreakerOptions
        {
            FailureThreshold = 2,
            Exceptions = new ExceptionTypeFilter(new[] { typeof(TimeoutException) }, null),
        });

        policy.Enter().OnResultFailure();
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        policy.Enter().OnResultFailure();

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(2, policy.Breaker.Statistics.Failures);
    }

    [Fact]
    public void A_handled_result_fails_a_half_open_trial()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("result-trial"), new CircuitBreakerOptions { FailureThreshold = 1, BreakDurationMs = 1_000 });
        policy.Enter().OnResultFailure();
        Time.Advance(TimeSpan.FromSeconds(1));

        CircuitBreakerPermit trial = policy.Enter();
        Assert.True(trial.IsTrial);
        trial.OnResultFailure();

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(0, policy.Breaker.TrialsInFlight);
    }

    [Fact]
    public void OnStateChange_sees_every_transition_of_its_breaker_in_order()
    {
        var changes = new List<CircuitBreakerStateChangedEventArgs>();
        var policy = new CircuitBreakerPolicy(
            UniqueName("callback"),
            new CircuitBreakerOptions { FailureThreshold = 1, BreakDurationMs = 1_000, HalfOpenSuccesses = 1 },
            change => changes.Add(change));

        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Succeed(policy);

        Assert.Equal(
            new[] { (CircuitBreakerState.Closed, CircuitBreakerState.Open), (CircuitBreakerState.Open, CircuitBreakerState.HalfOpen), (CircuitBreakerState.HalfOpen, CircuitBreakerState.Closed) },
            changes.Select(c => (c.OldState, c.NewState)));
        Assert.All(changes, c => Assert.Equal(policy.Name, c.BreakerName));
    }

    [Fact]
    public void A_throwing_OnStateChange_never_fails_the_call_that_caused_the_change()
    {
        var policy = new CircuitBreakerPolicy(
            UniqueName("callback-throws"),
            new CircuitBreakerOptions { FailureThreshold = 1 },
            _ => throw new InvalidOperationException("callback bug"));

        Fail(policy); // the DependencyDownException, not the callback's, reaches the caller

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }
}
