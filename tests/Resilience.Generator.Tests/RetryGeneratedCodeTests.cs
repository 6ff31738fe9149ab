using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

public class RetryGeneratedCodeTests : FakeClockTest
{
    private static RetryAgent Agent(params Exception[] failures) => new(new FlakyService().FailWith(failures));

    private static Exception[] Transient(int count) => Enumerable.Range(1, count).Select(i => (Exception)new TransientException("retry " + i)).ToArray();

    private double[] DelaysMs => Time.RequestedDelays.Select(d => d.TotalMilliseconds).ToArray();

    [Fact]
    public void Recovers_after_transient_failures_with_exponential_delays()
    {
        RetryAgent agent = Agent(Transient(3));

        Assert.Equal(4, agent.Exponential());
        Assert.Equal(4, agent.Service.Calls);
        Assert.Equal(new[] { 100.0, 200.0, 400.0 }, DelaysMs);
    }

    [Fact]
    public void Exhausted_retries_rethrow_the_last_exception_unchanged()
    {
        RetryAgent agent = Agent(Transient(4));

        TransientException thrown = Assert.Throws<TransientException>(() => agent.Exponential());

        Assert.Equal("retry 4", thrown.Message);
        Assert.Equal(4, agent.Service.Calls);
        Assert.Contains(nameof(FlakyService) + ".Throw", thrown.StackTrace);
        Assert.Contains("ExponentialCore", thrown.StackTrace);
    }

    [Fact]
    public void MaxDelayMs_caps_each_delay()
    {
        Assert.Equal(5, Agent(Transient(4)).Capped());
        Assert.Equal(new[] { 100.0, 200.0, 250.0, 250.0 }, DelaysMs);
    }

    [Fact]
    public void Linear_and_constant_backoff()
    {
        Agent(Transient(3)).Linear();
        Assert.Equal(new[] { 50.0, 100.0, 150.0 }, DelaysMs);

        var constant = new Testing.FakeClock { AutoAdvance = true };
        using IDisposable clock = ResilienceRuntime.UseTimeProvider(constant);
        Agent(Transient(3)).Constant();
        Assert.Equal(new[] { 70.0, 70.0, 70.0 }, constant.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public void ExponentialBase_sets_the_growth_factor()
    {
        Agent(Transient(3)).BaseThree();
        Assert.Equal(new[] { 10.0, 30.0, 90.0 }, DelaysMs);
    }

    [Fact]
    public void Full_jitter_stays_within_zero_and_the_exponential_delay()
    {
        Agent(Transient(5)).FullJitter();
        double[] delays = DelaysMs;

        // A draw under 1 ms waits no time, so no timer is started for it: the recorded delay i belongs to retry i or, when
        // earlier draws were zero, to a later one — at most `missing` places later.
        int missing = 5 - delays.Length;
        Assert.InRange(missing, 0, 2);
        for (int i = 0; i < delays.Length; i++)
        {
            Assert.InRange(delays[i], 0, 100 * Math.Pow(2, i + missing));
        }
    }

    [Fact]
    public void Equal_jitter_keeps_at_least_half_the_delay()
    {
        Agent(Transient(5)).EqualJitter();
        double[] delays = DelaysMs;
        for (int i = 0; i < delays.Length; i++)
        {
            double full = 100 * Math.Pow(2, i);
            Assert.InRange(delays[i], full / 2, full);
        }
    }

    [Fact]
    public void Decorrelated_jitter_grows_from_the_previous_delay_within_the_cap()
    {
        Agent(Transient(5)).DecorrelatedJitter();
        double previous = 100;
        foreach (double delay in DelaysMs)
        {
            Assert.InRange(delay, 100, Math.Min(1000, previous * 3));
            previous = delay;
        }
    }

    [Fact]
    public void MaxTotalDelayMs_stops_with_RetryBudgetExceededException_carrying_the_last_failure()
    {
        RetryAgent agent = Agent(Transient(10));

        var exception = Assert.Throws<RetryBudgetExceededException>(() => agent.Budgeted());

        // 100 + 200 = 300 fits in 350; the next 400 would not.
        Assert.Equal(new[] { 100.0, 200.0 }, DelaysMs);
        Assert.Equal(3, agent.Service.Calls);
        Assert.Equal("retry 3", exception.InnerException!.Message);
        Assert.Equal("Resilience.Generator.Tests.TestClasses.RetryAgent.Budgeted", exception.PolicyName);
        Assert.Contains("Budgeted", exception.Message);
    }

    [Fact]
    public void MaxRetries_zero_calls_once()
    {
        RetryAgent agent = Agent(Transient(1));
        Assert.Throws<TransientException>(() => agent.Never());
        Assert.Equal(1, agent.Service.Calls);
    }

    [Fact]
    public void RetryOn_retries_listed_types_only()
    {
        RetryAgent agent = Agent(new TimeoutException(), new TransientException("t"), new PermanentException("p"));

        Assert.Throws<PermanentException>(() => agent.OnlyTransient());
        Assert.Equal(3, agent.Service.Calls);
    }

    [Fact]
    public void AbortOn_stops_at_once()
    {
        RetryAgent agent = Agent(new InvalidOperationException(), new PermanentException("p"));

        Assert.Throws<PermanentException>(() => agent.AbortOnPermanent());
        Assert.Equal(2, agent.Service.Calls);
    }

    [Fact]
    public void ShouldRetry_predicate_decides()
    {
        RetryAgent agent = Agent(new TransientException("retry me"), new TransientException("fatal"));

        Assert.Throws<TransientException>(() => agent.Predicate());
        Assert.Equal(2, agent.Service.Calls);
    }

    [Fact]
    public async Task The_callers_cancellation_is_never_retried()
    {
        RetryAgent agent = Agent();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAsync<OperationCanceledException>(() => agent.CancellableAsync(cts.Token));
        Assert.Equal(0, agent.Service.Calls); // already cancelled: no attempt runs at all
    }

    [Fact]
    public async Task An_OperationCanceledException_the_caller_did_not_request_is_retried()
    {
        RetryAgent agent = Agent(new OperationCanceledException("downstream gave up"));

        Assert.Equal(2, await agent.CancellableAsync(CancellationToken.None));
        Assert.Equal(2, agent.Service.Calls);
    }

    [Fact]
    public async Task Async_retries_wait_on_the_runtime_clock()
    {
        RetryAgent agent = Agent(Transient(2));

        Assert.Equal(3, await agent.DelayedAsync(CancellationToken.None));
        Assert.Equal(new[] { 100.0, 200.0 }, DelaysMs);
    }

    [Fact]
    public async Task Cancelling_during_a_retry_delay_stops_the_call()
    {
        var manual = new Testing.FakeClock();
        using IDisposable clock = ResilienceRuntime.UseTimeProvider(manual);
        RetryAgent agent = Agent(Transient(2));
        using var cts = new CancellationTokenSource();

        Task<int> call = agent.DelayedAsync(cts.Token);
        while (manual.RequestedDelays.Count == 0)
        {
            await Task.Yield();
        }

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(1, agent.Service.Calls);
    }
}
