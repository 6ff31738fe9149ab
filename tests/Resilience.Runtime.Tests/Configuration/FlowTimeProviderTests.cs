using Resilience.Testing;

namespace Resilience.Runtime.Tests.Configuration;

/// <summary><see cref="ResilienceRuntime.UseTimeProvider"/>: a clock per asynchronous flow, so tests that fake time run in parallel.</summary>
public class FlowTimeProviderTests
{
    [Fact]
    public async Task A_flow_clock_is_seen_by_the_flow_and_everything_it_awaits_then_removed_on_dispose()
    {
        var clock = new FakeClock();
        TimeProvider before = ResilienceRuntime.TimeProvider;

        using (ResilienceRuntime.UseTimeProvider(clock))
        {
            Assert.Same(clock, ResilienceRuntime.TimeProvider);
            await Task.Yield();
            Assert.Same(clock, ResilienceRuntime.TimeProvider);
            Assert.Same(clock, await Task.Run(() => ResilienceRuntime.TimeProvider));
        }

        Assert.Same(before, ResilienceRuntime.TimeProvider);
    }

    [Fact]
    public async Task Parallel_flows_each_see_their_own_clock_and_the_process_clock_is_untouched()
    {
        TimeProvider process = ResilienceRuntime.TimeProvider;
        var clocks = Enumerable.Range(0, 8).Select(_ => new FakeClock()).ToArray();
        using var start = new Barrier(clocks.Length);

        TimeProvider[][] seen = await Task.WhenAll(clocks.Select(clock => Task.Run(async () =>
        {
            using IDisposable scope = ResilienceRuntime.UseTimeProvider(clock);
            start.SignalAndWait();
            var observed = new TimeProvider[3];
            for (int i = 0; i < observed.Length; i++)
            {
                observed[i] = ResilienceRuntime.TimeProvider;
                await Task.Yield();
            }

            return observed;
        })));

        for (int i = 0; i < clocks.Length; i++)
        {
            Assert.All(seen[i], observed => Assert.Same(clocks[i], observed));
        }

        Assert.Same(process, ResilienceRuntime.TimeProvider);
    }

    [Fact]
    public void Nested_flow_clocks_restore_the_outer_one()
    {
        var outer = new FakeClock();
        var inner = new FakeClock();
        using (ResilienceRuntime.UseTimeProvider(outer))
        {
            using (ResilienceRuntime.UseTimeProvider(inner))
            {
                Assert.Same(inner, ResilienceRuntime.TimeProvider);
            }

            Assert.Same(outer, ResilienceRuntime.TimeProvider);
        }
    }

    [Fact]
    public async Task A_retry_delay_waits_on_the_flow_clock()
    {
        var clock = new FakeClock();
        using IDisposable scope = ResilienceRuntime.UseTimeProvider(clock);
        var retry = new RetryState(new RetryPolicy(
            $"FlowClock.{Guid.NewGuid():N}",
            new RetryOptions { MaxRetries = 1, BaseDelayMs = 5_000, Jitter = Jitter.None }));

        Assert.True(retry.ShouldRetry(new InvalidOperationException(), CancellationToken.None));
        retry.OnRetry(new InvalidOperationException());
        Task wait = retry.WaitAsync(CancellationToken.None).AsTask();

        Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, clock.RequestedDelays);
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(5));
        await wait;
    }

    [Fact]
    public void A_null_clock_is_rejected() =>
        Assert.Throws<ArgumentNullException>(() => ResilienceRuntime.UseTimeProvider(null!));
}
