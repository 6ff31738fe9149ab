using Resilience.Runtime.Tests.Configuration;
using Resilience.Runtime.Tests.Telemetry;

namespace Resilience.Runtime.Tests.Breakers;

/// <summary>
/// <see cref="CircuitBreaker.TryEnter"/> and <see cref="FallbackPolicy.HandlesRejection"/>: a rejection without an exception,
/// counted and decided exactly as the thrown <see cref="CircuitBreakerOpenException"/> is.
/// </summary>
public sealed class TryEnterTests : GlobalStateTest
{
    [Fact]
    public void A_closed_breaker_admits_and_counts_the_call()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("tryenter.closed"), new CircuitBreakerOptions { FailureThreshold = 1 });

        Assert.True(policy.TryEnter(out CircuitBreakerPermit permit, out CircuitBreakerRejection rejection));
        permit.OnSuccess();

        Assert.Null(rejection.BreakerName);
        Assert.Equal(1, policy.Breaker.Statistics.Calls);
        Assert.Equal(1, policy.Breaker.Statistics.Successes);
        Assert.Equal(0, policy.Breaker.Statistics.Rejections);
    }

    [Fact]
    public void An_open_breaker_rejects_with_what_Enter_would_throw_and_counts_the_rejection()
    {
        string name = UniqueName("tryenter.open");
        var policy = new CircuitBreakerPolicy(name, new CircuitBreakerOptions { FailureThreshold = 1, BreakDurationMs = 1_000 });
        BreakerCalls.Fail(policy);
        Time.Advance(TimeSpan.FromMilliseconds(250));

        Assert.False(policy.TryEnter(out _, out CircuitBreakerRejection rejection));
        CircuitBreakerOpenException thrown = Assert.Throws<CircuitBreakerOpenException>(() => policy.Enter());

        Assert.Equal(name, rejection.BreakerName);
        Assert.Equal(CircuitBreakerState.Open, rejection.State);
        Assert.Equal(TimeSpan.FromMilliseconds(750), rejection.RetryAfter);
        CircuitBreakerOpenException created = rejection.CreateException();
        Assert.NotSame(created, rejection.CreateException());
        Assert.Equal(thrown.BreakerName, created.BreakerName);
        Assert.Equal(thrown.RetryAfter, created.RetryAfter);
        Assert.Equal(thrown.Message, created.Message);
        Assert.Null(created.StackTrace);
        Assert.Equal(2, policy.Breaker.Statistics.Rejections);
        Assert.Equal(1, policy.Breaker.Statistics.Calls);
    }

    [Fact]
    public void Isolated_and_busy_half_open_breakers_reject_with_their_state()
    {
        var isolated = new CircuitBreakerPolicy(UniqueName("tryenter.isolated"), new CircuitBreakerOptions { FailureThreshold = 1 });
        isolated.Breaker.Isolate();
        Assert.False(isolated.TryEnter(out _, out CircuitBreakerRejection rejection));
        Assert.Equal(CircuitBreakerState.Isolated, rejection.State);
        Assert.Equal(Timeout.InfiniteTimeSpan, rejection.RetryAfter);

        var halfOpen = new CircuitBreakerPolicy(UniqueName("tryenter.halfopen"), new CircuitBreakerOptions { FailureThreshold = 1, BreakDurationMs = 1_000, HalfOpenSuccesses = 1 });
        BreakerCalls.Fail(halfOpen);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(halfOpen.TryEnter(out CircuitBreakerPermit trial, out _));
        Assert.True(trial.IsTrial);
        Assert.False(halfOpen.TryEnter(out _, out rejection));
        Assert.Equal(CircuitBreakerState.HalfOpen, rejection.State);
        Assert.Equal(TimeSpan.Zero, rejection.RetryAfter);
        trial.OnSuccess();
        Assert.Equal(CircuitBreakerState.Closed, halfOpen.Breaker.State);
    }

    [Fact]
    public void Switched_off_breakers_admit_everything()
    {
        var policy = new CircuitBreakerPolicy(UniqueName("tryenter.off"), new CircuitBreakerOptions { FailureThreshold = 1 });
        policy.Breaker.Isolate();
        ResilienceRuntime.SetEnabled(PolicyKind.CircuitBreaker, false);

        Assert.True(policy.TryEnter(out CircuitBreakerPermit permit, out _));
        permit.OnSuccess(); // records nothing
        Assert.Equal(0, policy.Breaker.Statistics.Rejections);
    }

    [Fact]
    public void HandlesRejection_decides_with_the_filter_in_force_as_Handles_does_for_the_exception()
    {
        var breaker = new CircuitBreakerPolicy(UniqueName("tryenter.filter"), new CircuitBreakerOptions { FailureThreshold = 1 });
        breaker.Breaker.Isolate();
        Assert.False(breaker.TryEnter(out _, out CircuitBreakerRejection rejection));
        CircuitBreakerOpenException exception = rejection.CreateException();

        foreach ((Type[]? handleOn, Type[]? skipOn) in new (Type[]?, Type[]?)[]
        {
            (null, null),
            (new[] { typeof(ResilienceException) }, null),
            (new[] { typeof(TimeoutException) }, null),
            (null, new[] { typeof(CircuitBreakerOpenException) }),
            (null, new[] { typeof(ResilienceException) }),
            (new[] { typeof(Exception) }, new[] { typeof(TimeoutException) }),
        })
        {
            var fallback = new FallbackPolicy(UniqueName("tryenter.filter"), "Cached", new FallbackOptions { Exceptions = new ExceptionTypeFilter(handleOn, skipOn) });
            Assert.Equal(fallback.Handles(exception, default), fallback.HandlesRejection(rejection));
        }

        var overridden = new FallbackPolicy(UniqueName("tryenter.filter"), "Cached", FallbackOptions.Default);
        Assert.True(overridden.HandlesRejection(rejection));
        overridden.Override(new FallbackOptions { Exceptions = new ExceptionTypeFilter(new[] { typeof(TimeoutException) }, null) });
        Assert.False(overridden.HandlesRejection(rejection));
        overridden.Override(null);
        ResilienceRuntime.SetEnabled(PolicyKind.Fallback, false);
        Assert.False(overridden.HandlesRejection(rejection));
    }

    [Fact]
    public void HandlesRejection_logs_the_line_Handles_logs_for_the_exception()
    {
        var log = new RecordingLoggerFactory();
        ResilienceRuntime.LoggerFactory = log;
        string name = UniqueName("tryenter.log");
        var breaker = new CircuitBreakerPolicy(name, new CircuitBreakerOptions { FailureThreshold = 1 });
        breaker.Breaker.Isolate();
        Assert.False(breaker.TryEnter(out _, out CircuitBreakerRejection rejection));
        var fallback = new FallbackPolicy(name, "Cached", FallbackOptions.Default);

        Assert.True(fallback.HandlesRejection(rejection));
        Assert.True(fallback.Handles(rejection.CreateException(), default));

        string[] lines = log.Entries.Where(e => e.EventName == "FallbackTaken" && e.Message.Contains(name, StringComparison.Ordinal)).Select(e => e.Message).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.Equal(lines[1], lines[0]);
        Assert.Contains(typeof(CircuitBreakerOpenException).FullName!, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejection_answered_without_listeners_allocates_nothing()
    {
        var breaker = new CircuitBreakerPolicy(UniqueName("tryenter.alloc"), new CircuitBreakerOptions { FailureThreshold = 1 });
        breaker.Breaker.Isolate();
        var fallback = new FallbackPolicy(UniqueName("tryenter.alloc"), "Cached", new FallbackOptions { Exceptions = new ExceptionTypeFilter(new[] { typeof(ResilienceException) }, null) });

        int Run()
        {
            int answered = 0;
            for (int i = 0; i < 1_000; i++)
            {
                if (!breaker.TryEnter(out _, out CircuitBreakerRejection rejection) && fallback.HandlesRejection(rejection))
                {
                    answered++;
                }
            }

            return answered;
        }

        Run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int answered = Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1_000, answered);
    }
}
