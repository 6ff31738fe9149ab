using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

public class FallbackGeneratedCodeTests : FakeClockTest
{
    [Fact]
    public void Takes_over_and_receives_the_failure()
    {
        var failure = new TransientException("down");
        var agent = new FallbackAgent(new FlakyService().FailWith(failure));

        Assert.Equal("cached:k", agent.Fetch("k"));
        Assert.Same(failure, agent.SeenFailure);
        Assert.Equal("live:k", agent.Fetch("k"));
    }

    [Fact]
    public void HandleOn_limits_which_failures_fall_back()
    {
        var agent = new FallbackAgent(new FlakyService().FailWith(new TransientException("t"), new PermanentException("p")));

        Assert.Equal("first", agent.Filtered("k"));
        Assert.Throws<PermanentException>(() => agent.Filtered("k"));
    }

    [Fact]
    public void SkipOn_lets_listed_failures_through()
    {
        var agent = new FallbackAgent(new FlakyService().FailWith(new PermanentException("p"), new TransientException("t")));

        Assert.Throws<PermanentException>(() => agent.Skipping("k"));
        Assert.Equal("first", agent.Skipping("k"));
    }

    [Fact]
    public async Task A_chain_runs_in_Order_and_stops_at_the_first_success()
    {
        var agent = new FallbackAgent(new FlakyService().FailWith(new TransientException("core failed")));

        Assert.Equal("second", await agent.ChainAsync(CancellationToken.None));
        Assert.Equal(new[] { "core", "second:core failed" }, agent.Log);
    }

    [Fact]
    public async Task When_every_link_fails_FallbackExhaustedException_carries_every_failure_in_order()
    {
        var agent = new FallbackAgent(new FlakyService().FailWith(new TransientException("core failed"))) { SecondFails = true };

        var exception = await Assert.ThrowsAsync<FallbackExhaustedException>(() => agent.ChainAsync(CancellationToken.None));

        Assert.Equal(new[] { "core failed", "second failed", "third failed" }, exception.Failures.Select(f => f.Message));
        Assert.Equal(new[] { "core", "second:core failed", "third:second failed" }, agent.Log);
        Assert.Equal("Resilience.Generator.Tests.TestClasses.FallbackAgent.ChainAsync", exception.PolicyName);
    }

    [Fact]
    public async Task The_callers_cancellation_never_falls_back()
    {
        var agent = new FallbackAgent(new FlakyService());
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.NotifyAsync(cts.Token));
        Assert.Empty(agent.Log);
    }

    [Fact]
    public async Task A_Task_method_can_fall_back_to_a_void_method()
    {
        var agent = new FallbackAgent(new FlakyService().FailWith(new TransientException("x")));

        await agent.NotifyAsync(CancellationToken.None);
        Assert.Equal(new[] { "quiet" }, agent.Log);
    }

    [Fact]
    public void Fallback_wraps_retry_so_it_runs_once_retries_are_exhausted()
    {
        var service = new FlakyService().FailWith(new TransientException("1"), new TransientException("2"), new TransientException("3"));
        var agent = new FallbackAgent(service);

        agent.Run();

        Assert.Equal(3, service.Calls);
        Assert.Equal(new[] { "default" }, agent.Log);
    }
}
