using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

public class BreakerGeneratedCodeTests() : FakeClockTest(autoAdvance: false)
{
    [Fact]
    public void Opens_after_the_threshold_rejects_without_calling_and_half_opens_after_the_break()
    {
        ResetIfCreated("tests.breaker.consecutive");
        var agent = new BreakerAgent(new FlakyService().FailWith(new TransientException("1"), new TransientException("2")));

        Assert.Throws<TransientException>(() => agent.Call());
        Assert.Throws<TransientException>(() => agent.Call());
        var open = Assert.Throws<CircuitBreakerOpenException>(() => agent.Call());

        Assert.Equal("tests.breaker.consecutive", open.BreakerName);
        Assert.Equal(TimeSpan.FromSeconds(1), open.RetryAfter);
        Assert.Equal(2, agent.Service.Calls);
        Assert.Equal(CircuitBreakerState.Open, CircuitBreakerRegistry.Default.GetState("tests.breaker.consecutive"));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, agent.Call());
        Assert.Equal(CircuitBreakerState.Closed, CircuitBreakerRegistry.Default.GetState("tests.breaker.consecutive"));
    }

    [Fact]
    public async Task Each_retry_attempt_is_recorded_and_an_open_breaker_stops_the_retry_loop()
    {
        ResetIfCreated("tests.breaker.retried");
        var agent = new BreakerAgent(new FlakyService().FailWith(Enumerable.Range(0, 10).Select(i => (Exception)new TransientException("t" + i)).ToArray()));

        await Assert.ThrowsAsync<CircuitBreakerOpenException>(() => agent.RetriedAsync(CancellationToken.None));

        Assert.Equal(3, agent.Service.Calls);
        CircuitBreakerStatistics statistics = CircuitBreakerRegistry.Default["tests.breaker.retried"].Statistics;
        Assert.Equal(3, statistics.Failures);
        Assert.Equal(1, statistics.Rejections);
    }

    [Fact]
    public void IgnoreOn_failures_do_not_count()
    {
        ResetIfCreated("tests.breaker.ignore");
        var agent = new BreakerAgent(new FlakyService().FailWith(new PermanentException("p"), new PermanentException("p")));

        Assert.Throws<PermanentException>(() => agent.Ignoring());
        Assert.Throws<PermanentException>(() => agent.Ignoring());
        Assert.Equal(3, agent.Ignoring());
    }

    [Fact]
    public async Task Bulkhead_runs_two_queues_one_and_rejects_the_rest()
    {
        var agent = new BulkheadAgent();

        Task<int> first = agent.WorkAsync(CancellationToken.None);
        Task<int> second = agent.WorkAsync(CancellationToken.None);
        Task<int> queued = agent.WorkAsync(CancellationToken.None);
        var rejected = await Assert.ThrowsAsync<BulkheadRejectedException>(() => agent.WorkAsync(CancellationToken.None));

        Assert.Equal("tests.bulkhead", rejected.PolicyName);
        Assert.Equal(2, Volatile.Read(ref agent.Running));
        Assert.False(queued.IsCompleted);

        agent.Gate.SetResult();
        await Task.WhenAll(first, second, queued);
        Assert.Equal(0, Volatile.Read(ref agent.Running));
    }

    // Breakers are created with their type's static policies, on first use; reset leftovers from an earlier run in this process.
    private static void ResetIfCreated(string name)
    {
        if (CircuitBreakerRegistry.Default.TryGet(name, out CircuitBreaker? breaker))
        {
            breaker.Reset();
        }
    }
}
