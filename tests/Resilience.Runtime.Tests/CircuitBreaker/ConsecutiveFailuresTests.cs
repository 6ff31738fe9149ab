using Resilience.Runtime.Tests.Configuration;
using static Resilience.Runtime.Tests.Breakers.BreakerCalls;

namespace Resilience.Runtime.Tests.Breakers;

public sealed class ConsecutiveFailuresTests : GlobalStateTest
{
    private static CircuitBreakerOptions Options(int threshold = 3, int breakMs = 10_000, int halfOpen = 2) =>
        new() { FailureThreshold = threshold, BreakDurationMs = breakMs, HalfOpenSuccesses = halfOpen };

    [Fact]
    public void Closed_opens_after_threshold_consecutive_failures()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 3));

        Fail(policy);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.ConsecutiveFailures, policy.Breaker.Statistics.LastTransitionReason);
        Assert.Equal(Time.GetUtcNow(), policy.Breaker.Statistics.LastTransitionTime);
    }

    [Fact]
    public void A_success_resets_the_consecutive_count()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 3));

        Fail(policy);
        Fail(policy);
        Succeed(policy);
        Fail(policy);
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void Open_rejects_without_running_and_reports_the_time_until_retry()
    {
        string name = UniqueName("cb");
        var policy = new CircuitBreakerPolicy(name, Options(threshold: 1, breakMs: 10_000));
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(4));

        int ran = 0;
        var rejected = Assert.Throws<CircuitBreakerOpenException>(() => Run(policy, () => ran++));

        Assert.Equal(0, ran);
        Assert.Equal(name, rejected.BreakerName);
        Assert.Equal(TimeSpan.FromSeconds(6), rejected.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(6), policy.Breaker.RetryAfter);
        Assert.Equal(1, policy.Breaker.Statistics.Rejections);
        Assert.Equal(1, policy.Breaker.Statistics.Calls);
    }

    [Fact]
    public void After_the_break_a_call_turns_it_half_open_and_enough_trial_successes_close_it()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 1, breakMs: 10_000, halfOpen: 2));
        Fail(policy);

        Time.Advance(TimeSpan.FromMilliseconds(9_999));
        Assert.Throws<CircuitBreakerOpenException>(() => policy.Enter());
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State); // until a call arrives

        Succeed(policy);
        Assert.Equal(CircuitBreakerState.HalfOpen, policy.Breaker.State);
        Succeed(policy);

        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.TrialsSucceeded, policy.Breaker.Statistics.LastTransitionReason);
        Assert.Equal(3, policy.Breaker.Statistics.Transitions); // Closed→Open→HalfOpen→Closed
    }

    [Fact]
    public void Half_open_lets_HalfOpenSuccesses_trials_through_at_once_and_rejects_the_rest()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 1, breakMs: 1_000, halfOpen: 2));
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));

        CircuitBreakerPermit first = policy.Enter();
        CircuitBreakerPermit second = policy.Enter();
        var busy = Assert.Throws<CircuitBreakerOpenException>(() => policy.Enter());

        Assert.True(first.IsTrial);
        Assert.True(second.IsTrial);
        Assert.Equal(TimeSpan.Zero, busy.RetryAfter);
        Assert.Equal(2, policy.Breaker.TrialsInFlight);

        first.OnSuccess(); // frees a slot, one success of two
        Assert.Equal(CircuitBreakerState.HalfOpen, policy.Breaker.State);
        CircuitBreakerPermit third = policy.Enter();
        second.OnSuccess();
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);

        third.OnSuccess(); // a late trial outcome changes nothing
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Assert.Equal(0, policy.Breaker.TrialsInFlight);
    }

    [Fact]
    public void One_trial_failure_reopens_for_a_new_break()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 1, breakMs: 5_000, halfOpen: 3));
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(5));
        Succeed(policy);
        Assert.Equal(CircuitBreakerState.HalfOpen, policy.Breaker.State);

        Fail(policy);

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.TrialFailed, policy.Breaker.Statistics.LastTransitionReason);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.Breaker.RetryAfter);
    }

    [Fact]
    public void IgnoreOn_exceptions_are_not_failures()
    {
        var policy = new CircuitBreakerPolicy(
            UniqueName("cb"),
            new CircuitBreakerOptions { FailureThreshold = 2, Exceptions = new ExceptionTypeFilter(null, new[] { typeof(ValidationFailedException) }) });

        for (int i = 0; i < 5; i++)
        {
            Fail(policy, new ValidationFailedException());
        }

        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Assert.Equal(5, policy.Breaker.Statistics.Ignored);
        Assert.Equal(0, policy.Breaker.Statistics.Failures);
        Fail(policy);
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void HandleOn_limits_failures_to_the_listed_types()
    {
        var policy = new CircuitBreakerPolicy(
            UniqueName("cb"),
            new CircuitBreakerOptions { FailureThreshold = 1, Exceptions = new ExceptionTypeFilter(new[] { typeof(TimeoutException) }, null) });

        Fail(policy, new InvalidOperationException());
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Fail(policy, new ResilienceTimeoutException("x", TimeSpan.FromSeconds(1), new OperationCanceledException()));
        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void The_callers_cancellation_is_not_a_failure_but_frees_the_trial_slot()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 1, breakMs: 1_000, halfOpen: 1));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => Run(policy, () => cts.Token.ThrowIfCancellationRequested(), cts.Token));
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);

        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Throws<OperationCanceledException>(() => Run(policy, () => cts.Token.ThrowIfCancellationRequested(), cts.Token));
        Assert.Equal(CircuitBreakerState.HalfOpen, policy.Breaker.State);
        Assert.Equal(0, policy.Breaker.TrialsInFlight);

        Succeed(policy); // the freed slot admits the next trial
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
    }

    [Fact]
    public void An_operation_canceled_without_the_callers_token_is_a_failure()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 1));

        Fail(policy, new OperationCanceledException());

        Assert.Equal(CircuitBreakerState.Open, policy.Breaker.State);
    }

    [Fact]
    public void A_late_failure_of_a_call_admitted_before_a_transition_changes_nothing()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 2, breakMs: 1_000, halfOpen: 1));
        CircuitBreakerPermit slow = policy.Enter();
        Fail(policy);
        Fail(policy);
        Time.Advance(TimeSpan.FromSeconds(1));
        Succeed(policy); // half-open trial closes it

        slow.OnFailure(new DependencyDownException(), default);
        Fail(policy);

        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State); // 1 failure of 2 in the new closed period
    }

    [Fact]
    public void Isolate_rejects_everything_until_reset()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(breakMs: 1));
        policy.Breaker.Isolate();
        Time.Advance(TimeSpan.FromDays(1));

        var rejected = Assert.Throws<CircuitBreakerOpenException>(() => policy.Enter());
        Assert.Equal(Timeout.InfiniteTimeSpan, rejected.RetryAfter);
        Assert.Equal(CircuitBreakerState.Isolated, policy.Breaker.State);

        policy.Breaker.Reset();
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
        Assert.Equal(CircuitBreakerTransitionReason.Reset, policy.Breaker.Statistics.LastTransitionReason);
        Succeed(policy);
    }

    [Fact]
    public void Reset_of_an_open_breaker_forgets_failures()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 2));
        Fail(policy);
        policy.Breaker.Reset();
        Fail(policy);
        Assert.Equal(CircuitBreakerState.Closed, policy.Breaker.State);
    }

    [Fact]
    public void Statistics_count_calls_successes_failures_ignored_and_rejections()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), new CircuitBreakerOptions
        {
            FailureThreshold = 2,
            Exceptions = new ExceptionTypeFilter(null, new[] { typeof(ValidationFailedException) }),
        });

        Succeed(policy);
        Fail(policy, new ValidationFailedException());
        Fail(policy);
        Fail(policy);
        Assert.Throws<CircuitBreakerOpenException>(() => policy.Enter());

        CircuitBreakerStatistics stats = policy.Breaker.Statistics;
        Assert.Equal(4, stats.Calls);
        Assert.Equal(1, stats.Successes);
        Assert.Equal(2, stats.Failures);
        Assert.Equal(1, stats.Ignored);
        Assert.Equal(1, stats.Rejections);
        Assert.Equal(CircuitBreakerState.Open, stats.State);
    }

    [Fact]
    public void Policies_with_equal_names_share_one_breaker_and_the_first_options_win()
    {
        string name = UniqueName("shared");
        var first = new CircuitBreakerPolicy(name, Options(threshold: 2));
        var second = new CircuitBreakerPolicy(name, Options(threshold: 50));

        Assert.Same(first.Breaker, second.Breaker);
        Assert.Equal(2, second.Options.FailureThreshold);
        Fail(first);
        Fail(second);
        Assert.Throws<CircuitBreakerOpenException>(() => first.Enter());
        Assert.Same(first.Breaker, CircuitBreakerRegistry.Default[name]);
    }

    [Fact]
    public void Invalid_options_are_rejected_with_the_breaker_name()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CircuitBreakerPolicy("bad-breaker", new CircuitBreakerOptions { HalfOpenSuccesses = 0 }));
        Assert.Contains("bad-breaker", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new CircuitBreakerOptions { FailureRatio = 1.5 }.Validate("x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CircuitBreakerOptions { FailureThreshold = 0 }.Validate("x"));
    }

    [Fact]
    public void Switched_off_breakers_let_everything_through()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("cb"), Options(threshold: 1));
        policy.Breaker.Isolate();
        ResilienceRuntime.SetEnabled(PolicyKind.CircuitBreaker, false);

        int ran = 0;
        Run(policy, () => ran++);
        Fail(policy);

        Assert.Equal(1, ran);
        Assert.Equal(CircuitBreakerState.Isolated, policy.Breaker.State);
        Assert.Equal(0, policy.Breaker.Statistics.Calls);

        ResilienceRuntime.SetEnabled(PolicyKind.CircuitBreaker, true);
        Assert.Throws<CircuitBreakerOpenException>(() => policy.Enter());
    }
}
