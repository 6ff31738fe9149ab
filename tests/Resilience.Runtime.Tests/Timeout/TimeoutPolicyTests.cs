using Resilience.Testing;

namespace Resilience.Runtime.Tests;

/// <summary>Fake time is installed for each test's own flow, so these run in parallel; the pooled (system-clock) leases are in <see cref="TimeoutPoolingTests"/>.</summary>
public sealed class TimeoutPolicyTests : IDisposable
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetricsAsync";

    private IDisposable? _clock;

    public void Dispose() => _clock?.Dispose();

    internal static TimeoutPolicy Policy(int ms = 5_000) => new(PolicyName, new TimeoutOptions { Ms = ms });

    private FakeClock UseFakeTime()
    {
        var time = new FakeClock();
        _clock?.Dispose();
        _clock = ResilienceRuntime.UseTimeProvider(time);
        return time;
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // ---- Construction and overrides ----

    [Fact]
    public void A_new_policy_uses_the_attribute_values()
    {
        var options = new TimeoutOptions { Ms = 250 };

        var policy = new TimeoutPolicy(PolicyName, options);

        Assert.Equal(PolicyName, policy.Name);
        Assert.Same(options, policy.DefaultOptions);
        Assert.Same(options, policy.Options);
        Assert.Equal(Ms(250), policy.Options.Timeout);
    }

    [Fact]
    public void The_constructor_rejects_nulls()
    {
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => new TimeoutPolicy(null!, new TimeoutOptions { Ms = 1 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new TimeoutPolicy(PolicyName, null!)).ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void A_timeout_that_is_not_positive_is_rejected_naming_the_policy_and_the_property(int ms)
    {
        ArgumentOutOfRangeException fromConstructor = Assert.Throws<ArgumentOutOfRangeException>(() => Policy(ms));
        ArgumentOutOfRangeException fromValidate = Assert.Throws<ArgumentOutOfRangeException>(() => new TimeoutOptions { Ms = ms }.Validate(PolicyName));

        foreach (ArgumentOutOfRangeException ex in new[] { fromConstructor, fromValidate })
        {
            Assert.Equal(nameof(TimeoutOptions.Ms), ex.ParamName);
            Assert.Contains($"Timeout policy '{PolicyName}'", ex.Message, StringComparison.Ordinal);
            Assert.Equal(ms, ex.ActualValue);
        }
    }

    [Fact]
    public void Override_validates_replaces_and_null_restores_the_defaults()
    {
        TimeoutPolicy policy = Policy(5_000);
        TimeoutOptions defaults = policy.Options;
        var shorter = new TimeoutOptions { Ms = 50 };

        policy.Override(shorter);
        Assert.Same(shorter, policy.Options);

        ArgumentOutOfRangeException ex = Assert.Throws<ArgumentOutOfRangeException>(() => policy.Override(new TimeoutOptions { Ms = 0 }));
        Assert.Contains(PolicyName, ex.Message, StringComparison.Ordinal);
        Assert.Same(shorter, policy.Options);

        policy.Override(null);
        Assert.Same(defaults, policy.Options);
        Assert.Same(defaults, policy.DefaultOptions);
    }

    // ---- TimeoutLease on a fake clock ----

    [Fact]
    public void The_token_is_cancelled_when_the_timeout_elapses()
    {
        FakeClock time = UseFakeTime();
        TimeoutPolicy policy = Policy(1_000);

        using TimeoutLease scope = policy.Start(CancellationToken.None);
        CancellationToken token = scope.Token;

        Assert.True(token.CanBeCanceled);
        Assert.Equal(new[] { Ms(1_000) }, time.RequestedDelays);
        time.Advance(Ms(999));
        Assert.False(token.IsCancellationRequested);
        time.Advance(Ms(1));
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public void Start_uses_the_overridden_timeout()
    {
        FakeClock time = UseFakeTime();
        TimeoutPolicy policy = Policy(5_000);
        policy.Override(new TimeoutOptions { Ms = 50 });

        using TimeoutLease scope = policy.Start(CancellationToken.None);
        time.Advance(Ms(50));

        Assert.True(scope.Token.IsCancellationRequested);
        Assert.Equal(new[] { Ms(50) }, time.RequestedDelays);
        Assert.Equal(Ms(50), scope.TimeoutException(new OperationCanceledException()).Timeout);
    }

    [Fact]
    public void IsTimeout_is_true_for_the_cancellation_the_timeout_caused()
    {
        FakeClock time = UseFakeTime();
        using var caller = new CancellationTokenSource();

        using TimeoutLease scope = Policy(1_000).Start(caller.Token);
        time.Advance(Ms(1_000));
        var cancellation = new OperationCanceledException(scope.Token);

        Assert.True(scope.IsTimeout(cancellation));
        Assert.True(scope.IsTimeout(new TaskCanceledException()));
        Assert.False(caller.IsCancellationRequested);
    }

    [Fact]
    public void IsTimeout_is_false_before_the_timeout_elapses()
    {
        FakeClock time = UseFakeTime();

        using TimeoutLease scope = Policy(1_000).Start(CancellationToken.None);
        time.Advance(Ms(500));

        Assert.False(scope.IsTimeout(new OperationCanceledException()));
    }

    [Fact]
    public void IsTimeout_is_false_for_an_exception_that_is_not_a_cancellation()
    {
        FakeClock time = UseFakeTime();

        using TimeoutLease scope = Policy(1_000).Start(CancellationToken.None);
        time.Advance(Ms(1_000));

        Assert.False(scope.IsTimeout(new InvalidOperationException()));
        Assert.False(scope.IsTimeout(new TimeoutException()));
    }

    [Fact]
    public void The_caller_s_cancellation_propagates_to_the_token_and_is_not_a_timeout()
    {
        FakeClock time = UseFakeTime();
        using var caller = new CancellationTokenSource();

        using TimeoutLease scope = Policy(1_000).Start(caller.Token);
        Assert.False(scope.Token.IsCancellationRequested);

        caller.Cancel();

        Assert.True(scope.Token.IsCancellationRequested);
        Assert.False(scope.IsTimeout(new OperationCanceledException(scope.Token)));
        Assert.False(scope.IsTimeout(new OperationCanceledException(caller.Token)));

        // Even once the timeout would have elapsed, the cancellation stays the caller's.
        time.Advance(Ms(1_000));
        Assert.False(scope.IsTimeout(new OperationCanceledException(scope.Token)));
    }

    [Fact]
    public void An_already_cancelled_caller_token_cancels_the_scope_token_at_once()
    {
        UseFakeTime();
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        using TimeoutLease scope = Policy(1_000).Start(caller.Token);

        Assert.True(scope.Token.IsCancellationRequested);
        Assert.False(scope.IsTimeout(new OperationCanceledException(scope.Token)));
    }

    [Fact]
    public void TimeoutException_names_the_policy_and_the_timeout_and_wraps_the_cancellation()
    {
        FakeClock time = UseFakeTime();
        using TimeoutLease scope = Policy(1_500).Start(CancellationToken.None);
        time.Advance(Ms(1_500));
        var cancellation = new OperationCanceledException(scope.Token);

        ResilienceTimeoutException ex = scope.TimeoutException(cancellation);

        Assert.IsAssignableFrom<TimeoutException>(ex);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Equal(Ms(1_500), ex.Timeout);
        Assert.Same(cancellation, ex.InnerException);
        Assert.Contains(PolicyName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("1500 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_stops_the_timer_and_hands_back_the_caller_token()
    {
        FakeClock time = UseFakeTime();
        using var caller = new CancellationTokenSource();
        TimeoutLease scope = Policy(1_000).Start(caller.Token);
        CancellationToken token = scope.Token;

        scope.Dispose();
        time.Advance(Ms(5_000));

        Assert.False(token.IsCancellationRequested);
        Assert.Equal(caller.Token, scope.Token);
        Assert.False(scope.IsTimeout(new OperationCanceledException()));
    }

    [Fact]
    public void Dispose_twice_is_harmless()
    {
        UseFakeTime();
        TimeoutLease scope = Policy(1_000).Start(CancellationToken.None);

        scope.Dispose();
        scope.Dispose();

        Assert.Equal(CancellationToken.None, scope.Token);
    }

    [Fact]
    public void A_default_scope_can_be_disposed_and_passes_no_token()
    {
        TimeoutLease scope = default;

        scope.Dispose();

        Assert.Equal(CancellationToken.None, scope.Token);
        Assert.False(scope.IsTimeout(new OperationCanceledException()));
    }

    [Fact]
    public void After_Dispose_the_caller_s_cancellation_no_longer_reaches_the_scope_s_source()
    {
        FakeClock time = UseFakeTime();
        using var caller = new CancellationTokenSource();
        TimeoutLease scope = Policy(1_000).Start(caller.Token);
        CancellationToken token = scope.Token;
        scope.Dispose();

        caller.Cancel();

        Assert.False(token.IsCancellationRequested);
        Assert.Single(time.RequestedDelays);
    }
}
