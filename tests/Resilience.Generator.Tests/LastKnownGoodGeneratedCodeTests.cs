using Resilience.Generator.Tests.TestClasses;
using Resilience.Testing;

namespace Resilience.Generator.Tests;

/// <summary>
/// Generated [LastKnownGood] methods: a stale value answers after the primary fails, is refused once older than its maximum
/// age (the store's fake clock), survives a restart on the file store, and takes its place in the fallback chain.
/// </summary>
public sealed class LastKnownGoodGeneratedCodeTests : IDisposable
{
    private readonly FakeClock _clock = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lkg-gen-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_stale_value_answers_after_the_primary_fails_and_is_refused_once_older_than_its_max_age()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        Assert.Equal(new Metrics("checkout", 0.25), await agent.FetchMetricsAsync("checkout", CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(90));
        var failure = new HttpRequestException("metrics API down");
        agent.Failure = failure;
        using (DegradationScope scope = DegradationScope.Begin())
        {
            Assert.Equal(new Metrics("checkout", 0.25), await agent.FetchMetricsAsync("checkout", CancellationToken.None));
            Assert.Equal(DegradationLevel.Slight, scope.Level);
            DegradedAnswer answer = Assert.Single(scope.Answers);
            Assert.Equal(LastKnownGoodPolicy.SourceName, answer.Source);
            Assert.Equal(TimeSpan.FromSeconds(90), answer.StaleAge);
            Assert.Same(failure, answer.Exception);
        }

        // Another argument has no stored value: the failure propagates unchanged.
        Assert.Same(failure, await Assert.ThrowsAsync<HttpRequestException>(() => agent.FetchMetricsAsync("search", CancellationToken.None)));

        _clock.Advance(TimeSpan.FromSeconds(511));
        Assert.Same(failure, await Assert.ThrowsAsync<HttpRequestException>(() => agent.FetchMetricsAsync("checkout", CancellationToken.None)));
    }

    [Fact]
    public void The_key_template_shares_a_value_between_calls_that_differ_in_other_arguments()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        agent.Fetch("checkout", attempt: 1);
        agent.Failure = new TimeoutException();

        Assert.Equal(new Metrics("checkout", 0.25), agent.Fetch("checkout", attempt: 2));
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Throws<TimeoutException>(() => agent.Fetch("checkout", attempt: 3));
    }

    [Fact]
    public async Task The_callers_cancellation_is_never_replaced()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        await agent.FetchMetricsAsync("checkout", CancellationToken.None);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        agent.Failure = new OperationCanceledException(cts.Token);

        await Assert.ThrowsAsync<OperationCanceledException>(() => agent.FetchMetricsAsync("checkout", cts.Token));
    }

    [Fact]
    public async Task A_value_recorded_before_a_restart_is_served_after_it_on_the_file_store()
    {
        var before = new LastKnownGoodAgent(new FileDurableStore(_directory, _clock)) { ErrorRate = 0.5 };
        await before.FetchMetricsAsync("checkout", CancellationToken.None);
        await LastKnownGoodPolicy.FlushAsync();

        // A new process: a new store object over the same directory, nothing queued in memory for it.
        _clock.Advance(TimeSpan.FromMinutes(5));
        var after = new LastKnownGoodAgent(new FileDurableStore(_directory, _clock)) { Failure = new HttpRequestException("down") };
        using DegradationScope scope = DegradationScope.Begin();
        Assert.Equal(new Metrics("checkout", 0.5), await after.FetchMetricsAsync("checkout", CancellationToken.None));
        Assert.Equal(TimeSpan.FromMinutes(5), scope.Answers[0].StaleAge);
    }

    [Fact]
    public async Task By_default_the_stored_value_answers_before_the_fallback_which_answers_when_there_is_none()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock)) { Failure = new TimeoutException() };
        Assert.Equal(-1, (await agent.ChainAsync("cold")).ErrorRate);
        Assert.Equal(new[] { "primary:cold", "defaults:cold" }, agent.Log);

        agent.Failure = null;
        await agent.ChainAsync("warm");
        agent.Failure = new TimeoutException();
        agent.Log.Clear();
        Assert.Equal(0.25, (await agent.ChainAsync("warm")).ErrorRate);
        Assert.Equal(new[] { "primary:warm" }, agent.Log);
    }

    [Fact]
    public void With_a_higher_Order_the_stored_value_answers_after_the_fallback_fails_at_the_next_level()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        agent.AfterFallback("checkout");
        agent.Failure = new TimeoutException();
        agent.Log.Clear();

        using DegradationScope scope = DegradationScope.Begin();
        Assert.Equal(0.25, agent.AfterFallback("checkout").ErrorRate);
        Assert.Equal(new[] { "primary:checkout", "defaults:checkout" }, agent.Log);
        Assert.Equal(DegradationLevel.Moderate, scope.Level);

        var exhausted = Assert.Throws<FallbackExhaustedException>(() => agent.AfterFallback("cold"));
        Assert.Equal(new[] { typeof(TimeoutException), typeof(InvalidOperationException) }, exhausted.Failures.Select(f => f.GetType()));
    }

    [Fact]
    public async Task An_open_breaker_is_answered_by_the_stored_value()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        await agent.GuardedAsync("checkout");
        agent.Failure = new HttpRequestException("down");
        await agent.GuardedAsync("checkout");
        await agent.GuardedAsync("checkout");
        agent.Log.Clear();

        using DegradationScope scope = DegradationScope.Begin();
        Assert.Equal(0.25, (await agent.GuardedAsync("checkout")).ErrorRate);
        Assert.Empty(agent.Log); // the breaker is open: the primary is not called
        Assert.IsType<CircuitBreakerOpenException>(scope.Answers[0].Exception);
    }

    [Fact]
    public void An_open_breaker_under_a_fallback_ordered_first_goes_to_it_and_the_stored_value_answers_when_it_fails()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        Assert.Equal(0.25, agent.RejectedToFallback("checkout").ErrorRate);
        agent.Failure = new HttpRequestException("down");
        Assert.Equal(0.25, agent.RejectedToFallback("checkout").ErrorRate);
        Assert.Equal(0.25, agent.RejectedToFallback("checkout").ErrorRate);
        agent.Log.Clear();

        using (DegradationScope scope = DegradationScope.Begin())
        {
            Assert.Equal(0.25, agent.RejectedToFallback("checkout").ErrorRate);
            Assert.Equal(new[] { "defaults:checkout" }, agent.Log); // open: the primary is not called, the fallback is
            Assert.IsType<InvalidOperationException>(scope.Answers[0].Exception);
        }

        // No stored value: every failure is reported, the rejection's exception created for it.
        var exhausted = Assert.Throws<FallbackExhaustedException>(() => agent.RejectedToFallback("cold"));
        Assert.Equal(new[] { typeof(CircuitBreakerOpenException), typeof(InvalidOperationException) }, exhausted.Failures.Select(f => f.GetType()));
    }

    [Fact]
    public async Task An_open_breaker_under_the_stored_value_ordered_first_is_answered_by_it_before_the_fallback()
    {
        var agent = new LastKnownGoodAgent(new InMemoryDurableStore(_clock));
        await agent.RejectedToStoredAsync("checkout");
        agent.Failure = new HttpRequestException("down");
        await agent.RejectedToStoredAsync("checkout");
        await agent.RejectedToStoredAsync("checkout");
        agent.Log.Clear();

        using (DegradationScope scope = DegradationScope.Begin())
        {
            Assert.Equal(0.25, (await agent.RejectedToStoredAsync("checkout")).ErrorRate);
            Assert.Empty(agent.Log);
            Assert.IsType<CircuitBreakerOpenException>(scope.Answers[0].Exception);
        }

        Assert.Equal(-1, (await agent.RejectedToStoredAsync("cold")).ErrorRate);
        Assert.Equal(new[] { "defaults:cold" }, agent.Log);
    }
}
