using System.Diagnostics;
using System.Runtime.CompilerServices;
using Resilience.Testing;

namespace Resilience.Runtime.Tests;

/// <summary>
/// The loop the generator writes around an implementation, written out by hand: the decision is taken in an exception
/// filter, so an exception that is not retried is never caught and keeps its original stack trace.
/// </summary>
public sealed class RetryLoopTests : IDisposable
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetrics";

    private readonly List<Exception> _thrown = new();
    private readonly FakeClock _time = new() { AutoAdvance = true };
    private int _calls;
    private int _succeedOnCall = int.MaxValue;
    private Func<int, Exception> _failure = call => new InvalidOperationException($"attempt {call} failed");

    private readonly IDisposable _clock;

    public RetryLoopTests()
    {
        // The clock of this test's flow only: these tests run in parallel with the others.
        _clock = ResilienceRuntime.UseTimeProvider(_time);
    }

    public void Dispose() => _clock.Dispose();

    private static RetryPolicy Policy(int maxRetries = 3, int baseDelayMs = 100, int maxTotalDelayMs = 0, Type[]? abortOn = null) =>
        new(PolicyName, new RetryOptions
        {
            MaxRetries = maxRetries,
            BaseDelayMs = baseDelayMs,
            Jitter = Jitter.None,
            MaxTotalDelayMs = maxTotalDelayMs,
            Exceptions = new ExceptionTypeFilter(null, abortOn),
        });

    // What the generator emits for `[Retry] public partial int FetchMetrics(CancellationToken ct)`.
    private int FetchMetrics(RetryPolicy policy, CancellationToken ct)
    {
        var retry = new RetryState(policy);
        while (true)
        {
            try
            {
                return FetchMetricsCore(ct);
            }
            catch (Exception ex) when (retry.ShouldRetry(ex, ct))
            {
                retry.OnRetry(ex);
            }

            retry.Wait(ct);
        }
    }

    private async Task<int> FetchMetricsAsync(RetryPolicy policy, CancellationToken ct)
    {
        var retry = new RetryState(policy);
        while (true)
        {
            try
            {
                return await FetchMetricsCoreAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (retry.ShouldRetry(ex, ct))
            {
                retry.OnRetry(ex);
            }

            await retry.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FetchMetricsCore(CancellationToken ct)
    {
        int call = ++_calls;
        if (call >= _succeedOnCall)
        {
            return 42;
        }

        Exception failure = _failure(call);
        _thrown.Add(failure);
        throw failure;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<int> FetchMetricsCoreAsync(CancellationToken ct)
    {
        await Task.Yield();
        return FetchMetricsCore(ct);
    }

    [Fact]
    public void Exhausted_retries_rethrow_the_last_exception_unchanged_with_its_original_stack_trace()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => FetchMetrics(Policy(maxRetries: 2), CancellationToken.None));

        Assert.Equal(3, _calls);
        Assert.Same(_thrown[^1], ex);
        Assert.Equal("attempt 3 failed", ex.Message);
        Assert.NotNull(ex.StackTrace);
        Assert.Contains(nameof(FetchMetricsCore), ex.StackTrace, StringComparison.Ordinal);
        Assert.Equal(nameof(FetchMetricsCore), new StackTrace(ex).GetFrame(0)?.GetMethod()?.Name);
        Assert.DoesNotContain("--- End of stack trace from previous location ---", ex.StackTrace, StringComparison.Ordinal);
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200) }, _time.RequestedDelays);
    }

    [Fact]
    public async Task Exhausted_retries_of_an_async_method_rethrow_the_last_exception_unchanged()
    {
        InvalidOperationException ex = await Assert.ThrowsAsync<InvalidOperationException>(() => FetchMetricsAsync(Policy(maxRetries: 3), CancellationToken.None));

        Assert.Equal(4, _calls);
        Assert.Same(_thrown[^1], ex);
        Assert.NotNull(ex.StackTrace);
        Assert.Contains(nameof(FetchMetricsCore), ex.StackTrace, StringComparison.Ordinal);
        Assert.Equal(nameof(FetchMetricsCore), new StackTrace(ex).GetFrame(0)?.GetMethod()?.Name);
        Assert.Equal(new[] { 100d, 200d, 400d }, _time.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public void A_call_that_recovers_returns_its_result_after_the_backoff_delays()
    {
        _succeedOnCall = 3;

        int result = FetchMetrics(Policy(maxRetries: 5), CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(3, _calls);
        Assert.Equal(new[] { 100d, 200d }, _time.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public async Task An_async_call_that_recovers_returns_its_result_after_the_backoff_delays()
    {
        _succeedOnCall = 2;

        int result = await FetchMetricsAsync(Policy(maxRetries: 5), CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(2, _calls);
        Assert.Equal(new[] { 100d }, _time.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public void An_aborted_exception_propagates_from_the_first_attempt_untouched()
    {
        _failure = _ => new ArgumentException("bad input");

        ArgumentException ex = Assert.Throws<ArgumentException>(() => FetchMetrics(Policy(abortOn: new[] { typeof(ArgumentException) }), CancellationToken.None));

        Assert.Equal(1, _calls);
        Assert.Same(_thrown[0], ex);
        Assert.Equal(nameof(FetchMetricsCore), new StackTrace(ex).GetFrame(0)?.GetMethod()?.Name);
        Assert.Empty(_time.RequestedDelays);
    }

    [Fact]
    public void The_caller_cancellation_is_not_retried()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        _failure = _ => new OperationCanceledException(caller.Token);

        OperationCanceledException ex = Assert.Throws<OperationCanceledException>(() => FetchMetrics(Policy(), caller.Token));

        Assert.Equal(1, _calls);
        Assert.Same(_thrown[0], ex);
    }

    [Fact]
    public void A_cancellation_that_is_not_the_caller_s_is_retried()
    {
        using var caller = new CancellationTokenSource();
        _failure = _ => new TaskCanceledException("HttpClient.Timeout elapsed");
        _succeedOnCall = 3;

        Assert.Equal(42, FetchMetrics(Policy(), caller.Token));
        Assert.Equal(3, _calls);
    }

    [Fact]
    public void Passing_the_budget_throws_RetryBudgetExceededException_with_the_last_failure_inside()
    {
        // Delays 100 + 200 fit in 350 ms; the third (400 ms) would not.
        RetryBudgetExceededException ex = Assert.Throws<RetryBudgetExceededException>(() => FetchMetrics(Policy(maxRetries: 10, maxTotalDelayMs: 350), CancellationToken.None));

        Assert.Equal(3, _calls);
        Assert.Equal(3, ex.Attempts);
        Assert.Same(_thrown[^1], ex.InnerException);
        Assert.Equal(TimeSpan.FromMilliseconds(300), ex.TotalDelay);
        Assert.Equal(new[] { 100d, 200d }, _time.RequestedDelays.Select(d => d.TotalMilliseconds));
    }

    [Fact]
    public void No_retries_means_one_attempt()
    {
        InvalidOperationException ex = Assert.Throws<InvalidOperationException>(() => FetchMetrics(Policy(maxRetries: 0), CancellationToken.None));

        Assert.Equal(1, _calls);
        Assert.Same(_thrown[0], ex);
        Assert.Empty(_time.RequestedDelays);
    }
}
