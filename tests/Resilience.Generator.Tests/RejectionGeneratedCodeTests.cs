using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

/// <summary>
/// An open breaker right under a fallback that answers rejections: the fallback runs without a thrown exception, and
/// everything else (statistics, state changes, the exception a fallback parameter or FallbackExhaustedException gets) is as before.
/// </summary>
public class RejectionGeneratedCodeTests() : FakeClockTest(autoAdvance: false)
{
    [Fact]
    public void An_open_breaker_goes_to_the_fallback_counts_the_rejection_and_changes_no_state()
    {
        Reset("tests.rejection.plain");
        var agent = new RejectionAgent(new FlakyService().FailWith(new TransientException("down")));

        Assert.Equal(-1, agent.Plain()); // the failure opens the breaker; the fallback answers it
        Assert.Equal(-1, agent.Plain()); // rejected: the fallback answers without a call
        Assert.Equal(-1, agent.Plain());

        Assert.Equal(1, agent.Service.Calls);
        CircuitBreakerStatistics statistics = CircuitBreakerRegistry.Default["tests.rejection.plain"].Statistics;
        Assert.Equal(CircuitBreakerState.Open, statistics.State);
        Assert.Equal(1, statistics.Calls);
        Assert.Equal(1, statistics.Failures);
        Assert.Equal(2, statistics.Rejections);
        Assert.Equal(1, statistics.Transitions);
        Assert.Equal(CircuitBreakerState.Open, Assert.Single(RejectionAgent.Changes).NewState);

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, agent.Plain()); // the trial is admitted and closes the breaker
        Assert.Equal(CircuitBreakerState.Closed, CircuitBreakerRegistry.Default.GetState("tests.rejection.plain"));
        Assert.Equal(3, RejectionAgent.Changes.Count);
    }

    [Fact]
    public async Task A_fallback_that_takes_the_exception_gets_an_unthrown_CircuitBreakerOpenException()
    {
        Reset("tests.rejection.exception");
        var agent = new RejectionAgent(new FlakyService().FailWith(new TransientException("down")));

        Assert.Equal(-1, await agent.WithExceptionAsync(CancellationToken.None));
        Assert.IsType<TransientException>(agent.SeenFailure);

        Time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(-1, await agent.WithExceptionAsync(CancellationToken.None));
        var rejection = Assert.IsType<CircuitBreakerOpenException>(agent.SeenFailure);
        Assert.Equal("tests.rejection.exception", rejection.BreakerName);
        Assert.Equal(TimeSpan.FromMilliseconds(600), rejection.RetryAfter);
        Assert.Equal("Circuit breaker 'tests.rejection.exception' is open; calls are rejected for another 600 ms.", rejection.Message);
        Assert.Null(rejection.StackTrace);
        Assert.Equal(1, agent.Service.Calls);
    }

    [Fact]
    public void When_the_fallback_fails_too_the_rejection_is_listed_among_the_failures()
    {
        Reset("tests.rejection.exhausted");
        var agent = new RejectionAgent(new FlakyService().FailWith(new TransientException("down")));
        Assert.Equal(-1, agent.Exhausted());

        agent.FallbackFails = true;
        var exhausted = Assert.Throws<FallbackExhaustedException>(() => agent.Exhausted());

        Assert.Collection(
            exhausted.Failures,
            first => Assert.Equal("tests.rejection.exhausted", Assert.IsType<CircuitBreakerOpenException>(first).BreakerName),
            second => Assert.Equal("cache down", Assert.IsType<PermanentException>(second).Message));
    }

    [Fact]
    public void A_fallback_that_skips_rejections_lets_them_through()
    {
        Reset("tests.rejection.skipped");
        var agent = new RejectionAgent(new FlakyService().FailWith(new TransientException("down")));
        Assert.Equal(-1, agent.Skipped());

        var rejection = Assert.Throws<CircuitBreakerOpenException>(() => agent.Skipped());

        Assert.Equal(TimeSpan.FromSeconds(1), rejection.RetryAfter);
        Assert.Equal(1, CircuitBreakerRegistry.Default["tests.rejection.skipped"].Statistics.Rejections);
    }

    [Fact]
    public void HandleOn_a_base_type_of_the_rejection_answers_it_and_an_override_that_excludes_it_throws_it()
    {
        Reset("tests.rejection.handleon");
        var agent = new RejectionAgent(new FlakyService().FailWith(new TransientException("down")));
        Assert.Equal(-1, agent.HandleOnBase());
        Assert.Equal(-1, agent.HandleOnBase());

        var policy = (FallbackPolicy)typeof(RejectionAgent).GetField("s_handleOnBaseFallback", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        policy.Override(new FallbackOptions { Exceptions = new ExceptionTypeFilter(new[] { typeof(TransientException) }, null) });
        try
        {
            Assert.Throws<CircuitBreakerOpenException>(() => agent.HandleOnBase());
        }
        finally
        {
            policy.Override(null);
        }

        Assert.Equal(2, CircuitBreakerRegistry.Default["tests.rejection.handleon"].Statistics.Rejections);
    }

    [Fact]
    public async Task Rejections_are_counted_exactly_under_many_threads()
    {
        Reset("tests.rejection.stress");
        var agent = new RejectionAgent(new FlakyService().FailWith(new TransientException("down")));
        Assert.Equal(-1, await agent.StressAsync());

        const int threads = 8;
        const int calls = 5_000;
        int answered = 0;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < calls; i++)
            {
                if (await agent.StressAsync() == -1)
                {
                    Interlocked.Increment(ref answered);
                }
            }
        })));

        Assert.Equal(threads * calls, answered);
        CircuitBreakerStatistics statistics = CircuitBreakerRegistry.Default["tests.rejection.stress"].Statistics;
        Assert.Equal(threads * calls, statistics.Rejections);
        Assert.Equal(1, statistics.Calls);
        Assert.Equal(1, agent.Service.Calls);
    }

    private static void Reset(string name)
    {
        if (CircuitBreakerRegistry.Default.TryGet(name, out CircuitBreaker? breaker))
        {
            breaker.Reset();
        }
    }
}
