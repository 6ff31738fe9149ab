using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

public class TimeoutGeneratedCodeTests() : FakeClockTest(autoAdvance: false)
{
    private async Task WaitForTimers(int count)
    {
        while (Time.RequestedDelays.Count < count)
        {
            await Task.Yield();
        }
    }

    [Fact]
    public async Task Cancels_the_implementation_and_throws_ResilienceTimeoutException()
    {
        var agent = new TimeoutAgent(Time);

        Task<string> call = agent.HangAsync(CancellationToken.None);
        await WaitForTimers(1);
        Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(call.IsCompleted);
        Time.Advance(TimeSpan.FromMilliseconds(1));

        var exception = await Assert.ThrowsAsync<ResilienceTimeoutException>(() => call);
        Assert.IsAssignableFrom<TimeoutException>(exception);
        Assert.Equal(TimeSpan.FromSeconds(1), exception.Timeout);
        Assert.Equal("Resilience.Generator.Tests.TestClasses.TimeoutAgent.HangAsync", exception.PolicyName);
        Assert.IsAssignableFrom<OperationCanceledException>(exception.InnerException);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        var agent = new TimeoutAgent(Time);
        using var cts = new CancellationTokenSource();

        Task<string> call = agent.HangAsync(cts.Token);
        await WaitForTimers(1);
        cts.Cancel();

        Exception exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<ResilienceTimeoutException>(exception);
    }

    [Fact]
    public async Task Finishing_in_time_returns_the_result()
    {
        var agent = new TimeoutAgent(Time) { SucceedOnAttempt = 1 };
        Assert.Equal("done", await agent.HangAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Every_retry_attempt_gets_its_own_timeout()
    {
        var agent = new TimeoutAgent(Time) { SucceedOnAttempt = 3 };

        ValueTask<string> call = agent.EachAttemptTimedAsync(CancellationToken.None);
        await WaitForTimers(1);
        Time.Advance(TimeSpan.FromMilliseconds(500));
        await WaitForTimers(2);
        Time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.Equal("attempt 3", await call);
        Assert.Equal(new[] { 500.0, 500.0, 500.0 }, Time.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public async Task Without_a_token_the_work_is_abandoned_after_the_timeout()
    {
        var agent = new TimeoutAgent(Time);
        var work = new TaskCompletionSource();

        Task call = agent.AbandonAsync(work);
        await WaitForTimers(1);
        Time.Advance(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAsync<ResilienceTimeoutException>(() => call);
        Assert.False(work.Task.IsCompleted);
    }

    [Fact]
    public async Task Without_a_token_work_that_finishes_in_time_is_awaited()
    {
        var agent = new TimeoutAgent(Time);
        var work = new TaskCompletionSource();

        Task call = agent.AbandonAsync(work);
        work.SetResult();

        await call;
        Assert.True(call.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_synchronous_implementation_gets_a_cancellable_token()
    {
        Assert.Equal(1, new TimeoutAgent(Time).SyncWithToken(CancellationToken.None));
    }
}
