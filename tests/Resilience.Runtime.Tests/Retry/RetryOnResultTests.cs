using Resilience.Testing;

namespace Resilience.Runtime.Tests;

/// <summary>Results handled as failures, server-requested delays and the OnRetry description, on RetryState.</summary>
public sealed class RetryOnResultTests : IDisposable
{
    private readonly IDisposable _clock;

    public RetryOnResultTests()
    {
        // The clock of this test's flow only: these tests run in parallel with the others.
        _clock = ResilienceRuntime.UseTimeProvider(new FakeClock { AutoAdvance = true });
    }

    public void Dispose() => _clock.Dispose();

    private static RetryPolicy Policy(int maxRetries = 3, int baseDelayMs = 100, int maxDelayMs = 60_000, int maxTotalDelayMs = 0, Jitter jitter = Jitter.None) =>
        new("Contoso.Http.Client.GetAsync", new RetryOptions
        {
            MaxRetries = maxRetries,
            BaseDelayMs = baseDelayMs,
            MaxDelayMs = maxDelayMs,
            MaxTotalDelayMs = maxTotalDelayMs,
            Backoff = Backoff.Constant,
            Jitter = jitter,
        });

    [Fact]
    public void CanRetry_allows_MaxRetries_result_retries_then_refuses()
    {
        var state = new RetryState(Policy(maxRetries: 2));

        Assert.True(state.CanRetry(CancellationToken.None));
        Assert.True(state.TryScheduleRetry(retryAfter: null));
        Assert.True(state.CanRetry(CancellationToken.None));
        Assert.True(state.TryScheduleRetry(retryAfter: null));

        Assert.False(state.CanRetry(CancellationToken.None));
        Assert.Equal(2, state.Retries);
    }

    [Fact]
    public void CanRetry_refuses_once_the_caller_cancelled()
    {
        var state = new RetryState(Policy());
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        Assert.False(state.CanRetry(caller.Token));
    }

    [Fact]
    public void CanRetry_refuses_while_retries_are_switched_off()
    {
        ResilienceRuntime.SetEnabled(PolicyKind.Retry, false);
        try
        {
            Assert.False(new RetryState(Policy()).CanRetry(CancellationToken.None));
        }
        finally
        {
            ResilienceRuntime.SetEnabled(PolicyKind.Retry, true);
        }
    }

    [Fact]
    public void A_server_requested_delay_replaces_the_computed_one()
    {
        var state = new RetryState(Policy(baseDelayMs: 100));

        Assert.True(state.TryScheduleRetry(TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(2), state.Delay);

        Assert.True(state.TryScheduleRetry(retryAfter: null));
        Assert.Equal(TimeSpan.FromMilliseconds(100), state.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(2_100), state.TotalDelay);
    }

    [Fact]
    public void A_server_requested_delay_is_capped_at_MaxDelayMs_and_never_negative()
    {
        var state = new RetryState(Policy(baseDelayMs: 100, maxDelayMs: 5_000));

        state.OnRetry(new HttpRequestException(), TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromSeconds(5), state.Delay);

        state.OnRetry(new HttpRequestException(), TimeSpan.FromSeconds(-3));
        Assert.Equal(TimeSpan.Zero, state.Delay);
    }

    [Fact]
    public void A_result_retry_past_the_budget_is_refused_without_recording_it()
    {
        var state = new RetryState(Policy(baseDelayMs: 100, maxTotalDelayMs: 1_500));

        Assert.True(state.TryScheduleRetry(TimeSpan.FromSeconds(1)));
        Assert.False(state.TryScheduleRetry(TimeSpan.FromSeconds(1)));

        Assert.Equal(1, state.Retries);
        Assert.Equal(TimeSpan.FromSeconds(1), state.TotalDelay);
    }

    [Fact]
    public void An_exception_retry_with_a_server_delay_past_the_budget_throws_the_budget_exception()
    {
        var state = new RetryState(Policy(maxTotalDelayMs: 1_000));
        var failure = new HttpRequestException("503");

        var error = Assert.Throws<RetryBudgetExceededException>(() => state.OnRetry(failure, TimeSpan.FromSeconds(2)));

        Assert.Same(failure, error.InnerException);
    }

    [Fact]
    public async Task The_wait_after_a_result_retry_is_the_scheduled_delay_on_the_runtime_clock()
    {
        var time = (FakeClock)ResilienceRuntime.TimeProvider;
        var state = new RetryState(Policy());
        Assert.True(state.TryScheduleRetry(TimeSpan.FromSeconds(1)));

        await state.WaitAsync(CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, time.RequestedDelays);
    }

    [Fact]
    public void RetryAttempt_describes_the_failed_attempt_for_a_callback()
    {
        var state = new RetryState(Policy(baseDelayMs: 250));
        Assert.True(state.TryScheduleRetry(retryAfter: null));

        var attempt = new RetryAttempt<int>(state.Retries, state.Delay, exception: null, result: 503);

        Assert.Equal(1, attempt.AttemptNumber);
        Assert.Equal(TimeSpan.FromMilliseconds(250), attempt.Delay);
        Assert.Null(attempt.Exception);
        Assert.Equal(503, attempt.Result);

        var failure = new IOException();
        var voidAttempt = new RetryAttempt(2, TimeSpan.Zero, failure);
        Assert.Same(failure, voidAttempt.Exception);
        Assert.Throws<ArgumentNullException>(() => new RetryAttempt(1, TimeSpan.Zero, null!));
    }
}
