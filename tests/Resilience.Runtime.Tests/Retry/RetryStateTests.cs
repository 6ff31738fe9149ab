using Resilience.Testing;

namespace Resilience.Runtime.Tests;

/// <summary>Fake time is installed for each test's own flow (<see cref="ResilienceRuntime.UseTimeProvider"/>), so these run in parallel.</summary>
public sealed class RetryStateTests : IDisposable
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetricsAsync";

    private IDisposable? _clock;

    public void Dispose() => _clock?.Dispose();

    private static RetryPolicy Policy(
        int maxRetries = 3,
        int baseDelayMs = 100,
        int maxDelayMs = 60_000,
        Backoff backoff = Backoff.Exponential,
        Jitter jitter = Jitter.None,
        int maxTotalDelayMs = 0,
        Type[]? retryOn = null,
        Type[]? abortOn = null,
        Func<Exception, bool>? shouldRetry = null) =>
        new(PolicyName, new RetryOptions
        {
            MaxRetries = maxRetries,
            BaseDelayMs = baseDelayMs,
            MaxDelayMs = maxDelayMs,
            Backoff = backoff,
            Jitter = jitter,
            MaxTotalDelayMs = maxTotalDelayMs,
            Exceptions = new ExceptionTypeFilter(retryOn, abortOn),
            ShouldRetry = shouldRetry,
        });

    private FakeClock UseFakeTime(bool autoAdvance)
    {
        var time = new FakeClock { AutoAdvance = autoAdvance };
        _clock?.Dispose();
        _clock = ResilienceRuntime.UseTimeProvider(time);
        return time;
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    // ---- Construction ----

    [Fact]
    public void The_constructor_rejects_a_null_policy()
    {
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => new RetryState(null!)).ParamName);
    }

    [Fact]
    public void A_new_state_has_made_no_retries_and_waited_for_nothing()
    {
        var state = new RetryState(Policy());

        Assert.Equal(0, state.Retries);
        Assert.Equal(TimeSpan.Zero, state.TotalDelay);
    }

    // ---- ShouldRetry: MaxRetries ----

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void ShouldRetry_allows_exactly_MaxRetries_retries(int maxRetries)
    {
        var state = new RetryState(Policy(maxRetries: maxRetries, baseDelayMs: 0));
        var failure = new InvalidOperationException();

        for (int i = 0; i < maxRetries; i++)
        {
            Assert.True(state.ShouldRetry(failure, CancellationToken.None), $"Retry {i + 1} of {maxRetries} was refused.");
            state.OnRetry(failure);
            Assert.Equal(i + 1, state.Retries);
        }

        Assert.False(state.ShouldRetry(failure, CancellationToken.None));
        Assert.Equal(maxRetries, state.Retries);
    }

    [Fact]
    public void ShouldRetry_has_no_side_effects()
    {
        var state = new RetryState(Policy(maxRetries: 1));
        var failure = new InvalidOperationException();

        for (int i = 0; i < 5; i++)
        {
            Assert.True(state.ShouldRetry(failure, CancellationToken.None));
        }

        Assert.Equal(0, state.Retries);
        Assert.Equal(TimeSpan.Zero, state.TotalDelay);
    }

    // ---- ShouldRetry: RetryOn / AbortOn / ShouldRetry ----

    [Fact]
    public void Without_RetryOn_every_exception_is_retried()
    {
        var state = new RetryState(Policy());

        Assert.True(state.ShouldRetry(new InvalidOperationException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new IOException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new HttpRequestException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new AggregateException(), CancellationToken.None));
    }

    [Fact]
    public void RetryOn_retries_the_listed_types_and_their_subclasses_only()
    {
        var state = new RetryState(Policy(retryOn: new[] { typeof(IOException), typeof(HttpRequestException) }));

        Assert.True(state.ShouldRetry(new IOException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new FileNotFoundException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new HttpRequestException(), CancellationToken.None));
        Assert.False(state.ShouldRetry(new InvalidOperationException(), CancellationToken.None));
        Assert.False(state.ShouldRetry(new Exception(), CancellationToken.None));
    }

    [Fact]
    public void AbortOn_stops_the_listed_types_and_their_subclasses()
    {
        var state = new RetryState(Policy(abortOn: new[] { typeof(ArgumentException) }));

        Assert.False(state.ShouldRetry(new ArgumentException(), CancellationToken.None));
        Assert.False(state.ShouldRetry(new ArgumentNullException("x"), CancellationToken.None));
        Assert.False(state.ShouldRetry(new ArgumentOutOfRangeException("x"), CancellationToken.None));
        Assert.True(state.ShouldRetry(new InvalidOperationException(), CancellationToken.None));
    }

    [Fact]
    public void AbortOn_wins_over_RetryOn()
    {
        var state = new RetryState(Policy(retryOn: new[] { typeof(IOException) }, abortOn: new[] { typeof(FileNotFoundException) }));

        Assert.False(state.ShouldRetry(new FileNotFoundException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new IOException(), CancellationToken.None));
        Assert.True(state.ShouldRetry(new DirectoryNotFoundException(), CancellationToken.None));
    }

    [Fact]
    public void AbortOn_wins_even_when_the_same_type_is_in_RetryOn()
    {
        var state = new RetryState(Policy(retryOn: new[] { typeof(Exception) }, abortOn: new[] { typeof(Exception) }));

        Assert.False(state.ShouldRetry(new IOException(), CancellationToken.None));
    }

    [Fact]
    public void The_ShouldRetry_predicate_must_accept_the_exception()
    {
        var seen = new List<Exception>();
        var state = new RetryState(Policy(shouldRetry: ex =>
        {
            seen.Add(ex);
            return ex.Message == "transient";
        }));
        var transient = new InvalidOperationException("transient");
        var permanent = new InvalidOperationException("permanent");

        Assert.True(state.ShouldRetry(transient, CancellationToken.None));
        Assert.False(state.ShouldRetry(permanent, CancellationToken.None));
        Assert.Equal(new Exception[] { transient, permanent }, seen);
    }

    [Fact]
    public void The_ShouldRetry_predicate_and_RetryOn_must_both_accept_the_exception()
    {
        var state = new RetryState(Policy(retryOn: new[] { typeof(IOException) }, shouldRetry: ex => ex.Message == "transient"));

        Assert.True(state.ShouldRetry(new IOException("transient"), CancellationToken.None));
        Assert.False(state.ShouldRetry(new IOException("permanent"), CancellationToken.None));
        Assert.False(state.ShouldRetry(new InvalidOperationException("transient"), CancellationToken.None));
    }

    [Fact]
    public void The_ShouldRetry_predicate_does_not_extend_MaxRetries()
    {
        var state = new RetryState(Policy(maxRetries: 1, baseDelayMs: 0, shouldRetry: _ => true));
        var failure = new InvalidOperationException();
        state.OnRetry(failure);

        Assert.False(state.ShouldRetry(failure, CancellationToken.None));
    }

    // ---- ShouldRetry: caller cancellation ----

    [Fact]
    public void An_OperationCanceledException_is_never_retried_when_the_caller_token_is_cancelled()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        var state = new RetryState(Policy(retryOn: new[] { typeof(OperationCanceledException) }, shouldRetry: _ => true));

        Assert.False(state.ShouldRetry(new OperationCanceledException(caller.Token), caller.Token));
        Assert.False(state.ShouldRetry(new TaskCanceledException(), caller.Token));
        Assert.False(state.ShouldRetry(new OperationCanceledException(), caller.Token));
    }

    [Fact]
    public void An_OperationCanceledException_is_retried_when_the_caller_token_is_not_cancelled()
    {
        using var caller = new CancellationTokenSource();
        using var other = new CancellationTokenSource();
        other.Cancel();
        var state = new RetryState(Policy());

        // e.g. a timeout inside the attempt, or an HttpClient timeout: not the caller's doing.
        Assert.True(state.ShouldRetry(new OperationCanceledException(other.Token), caller.Token));
        Assert.True(state.ShouldRetry(new TaskCanceledException(), caller.Token));
        Assert.True(state.ShouldRetry(new OperationCanceledException(), CancellationToken.None));
    }

    [Fact]
    public void An_OperationCanceledException_follows_RetryOn_like_any_other_exception()
    {
        var state = new RetryState(Policy(retryOn: new[] { typeof(IOException) }));

        Assert.False(state.ShouldRetry(new OperationCanceledException(), CancellationToken.None));
    }

    // ---- OnRetry: delays ----

    [Theory]
    [InlineData(Backoff.Exponential, new double[] { 100, 200, 400, 800 })]
    [InlineData(Backoff.Linear, new double[] { 100, 200, 300, 400 })]
    [InlineData(Backoff.Constant, new double[] { 100, 100, 100, 100 })]
    public void OnRetry_accumulates_the_backoff_delays(Backoff backoff, double[] expected)
    {
        var state = new RetryState(Policy(maxRetries: 4, backoff: backoff));
        double total = 0;

        for (int i = 0; i < expected.Length; i++)
        {
            state.OnRetry(new InvalidOperationException());
            total += expected[i];
            Assert.Equal(i + 1, state.Retries);
            Assert.Equal(Ms(total), state.TotalDelay);
        }
    }

    [Fact]
    public void OnRetry_with_full_jitter_keeps_each_delay_below_its_ceiling()
    {
        for (int run = 0; run < 50; run++)
        {
            var state = new RetryState(Policy(maxRetries: 6, baseDelayMs: 1_000, jitter: Jitter.Full));
            TimeSpan before = TimeSpan.Zero;
            for (int retry = 1; retry <= 6; retry++)
            {
                state.OnRetry(new InvalidOperationException());
                double delay = (state.TotalDelay - before).TotalMilliseconds;
                Assert.InRange(delay, 0, 1_000 * Math.Pow(2, retry - 1));
                before = state.TotalDelay;
            }
        }
    }

    [Fact]
    public void OnRetry_with_decorrelated_jitter_grows_each_delay_from_the_previous_one()
    {
        for (int run = 0; run < 50; run++)
        {
            var state = new RetryState(Policy(maxRetries: 8, baseDelayMs: 100, maxDelayMs: 5_000, jitter: Jitter.Decorrelated));
            TimeSpan before = TimeSpan.Zero;
            double previous = 100;
            for (int retry = 1; retry <= 8; retry++)
            {
                state.OnRetry(new InvalidOperationException());
                double delay = (state.TotalDelay - before).TotalMilliseconds;
                Assert.InRange(delay, 100 - 1e-6, Math.Min(5_000, previous * 3) + 1e-6);
                previous = delay;
                before = state.TotalDelay;
            }
        }
    }

    // ---- OnRetry: MaxTotalDelayMs ----

    [Fact]
    public void OnRetry_throws_RetryBudgetExceededException_when_the_next_delay_would_pass_the_budget()
    {
        var state = new RetryState(Policy(maxRetries: 5, maxTotalDelayMs: 300));
        var first = new InvalidOperationException("first");
        var second = new InvalidOperationException("second");
        var third = new InvalidOperationException("third");

        state.OnRetry(first);   // 100 ms, total 100
        state.OnRetry(second);  // 200 ms, total 300: exactly the budget is allowed
        RetryBudgetExceededException ex = Assert.Throws<RetryBudgetExceededException>(() => state.OnRetry(third)); // 400 ms would make 700

        Assert.Same(third, ex.InnerException);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(Ms(300), ex.TotalDelay);
        Assert.Equal(Ms(300), ex.Budget);
        Assert.Equal(PolicyName, ex.PolicyName);
        Assert.Contains(PolicyName, ex.Message, StringComparison.Ordinal);
        Assert.Contains("400 ms", ex.Message, StringComparison.Ordinal);

        // The failed OnRetry recorded nothing.
        Assert.Equal(2, state.Retries);
        Assert.Equal(Ms(300), state.TotalDelay);
    }

    [Fact]
    public void OnRetry_throws_at_the_first_retry_when_the_first_delay_is_already_over_the_budget()
    {
        var state = new RetryState(Policy(baseDelayMs: 1_000, maxTotalDelayMs: 500));
        var failure = new IOException();

        RetryBudgetExceededException ex = Assert.Throws<RetryBudgetExceededException>(() => state.OnRetry(failure));

        Assert.Same(failure, ex.InnerException);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(TimeSpan.Zero, ex.TotalDelay);
        Assert.Equal(Ms(500), ex.Budget);
        Assert.Equal(0, state.Retries);
    }

    [Fact]
    public void A_zero_budget_means_no_budget()
    {
        var state = new RetryState(Policy(maxRetries: 20, baseDelayMs: 1_000, maxDelayMs: 3_600_000, maxTotalDelayMs: 0));

        for (int i = 0; i < 20; i++)
        {
            state.OnRetry(new InvalidOperationException());
        }

        Assert.Equal(20, state.Retries);
        Assert.True(state.TotalDelay > TimeSpan.FromHours(1));
    }

    [Fact]
    public void The_budget_counts_jittered_delays()
    {
        // Full jitter of a 1 000 ms ceiling is below 1 000 ms, so with a 1 000 ms budget the first retry always fits.
        for (int run = 0; run < 100; run++)
        {
            var state = new RetryState(Policy(maxRetries: 50, baseDelayMs: 1_000, jitter: Jitter.Full, backoff: Backoff.Constant, maxTotalDelayMs: 1_000));
            state.OnRetry(new InvalidOperationException());

            int retries = 1;
            RetryBudgetExceededException? ex = null;
            while (ex is null && retries < 50)
            {
                try
                {
                    state.OnRetry(new InvalidOperationException());
                    retries++;
                }
                catch (RetryBudgetExceededException budget)
                {
                    ex = budget;
                }
            }

            Assert.True(state.TotalDelay <= Ms(1_000));
            if (ex is not null)
            {
                Assert.Equal(state.TotalDelay, ex.TotalDelay);
                Assert.Equal(retries + 1, ex.Attempts);
            }
        }
    }

    // ---- Wait / WaitAsync ----

    [Fact]
    public void Wait_waits_each_delay_on_the_runtime_TimeProvider()
    {
        FakeClock time = UseFakeTime(autoAdvance: true);
        DateTimeOffset start = time.GetUtcNow();
        var state = new RetryState(Policy());

        for (int i = 0; i < 3; i++)
        {
            state.OnRetry(new InvalidOperationException());
            state.Wait(CancellationToken.None);
        }

        Assert.Equal(new[] { Ms(100), Ms(200), Ms(400) }, time.RequestedDelays);
        Assert.Equal(Ms(700), time.GetUtcNow() - start);
    }

    [Fact]
    public async Task WaitAsync_waits_each_delay_on_the_runtime_TimeProvider()
    {
        FakeClock time = UseFakeTime(autoAdvance: true);
        DateTimeOffset start = time.GetUtcNow();
        var state = new RetryState(Policy(backoff: Backoff.Linear, baseDelayMs: 250));

        for (int i = 0; i < 3; i++)
        {
            state.OnRetry(new InvalidOperationException());
            await state.WaitAsync(CancellationToken.None);
        }

        Assert.Equal(new[] { Ms(250), Ms(500), Ms(750) }, time.RequestedDelays);
        Assert.Equal(Ms(1_500), time.GetUtcNow() - start);
    }

    [Fact]
    public async Task WaitAsync_completes_only_when_the_clock_reaches_the_delay()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        var state = new RetryState(Policy(baseDelayMs: 1_000));
        state.OnRetry(new InvalidOperationException());

        Task wait = state.WaitAsync(CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);

        time.Advance(Ms(999));
        Assert.False(wait.IsCompleted);

        time.Advance(Ms(1));
        await wait;
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.Equal(new[] { Ms(1_000) }, time.RequestedDelays);
    }

    [Fact]
    public async Task WaitAsync_is_cancelled_when_the_caller_cancels_during_the_delay()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        using var caller = new CancellationTokenSource();
        var state = new RetryState(Policy(baseDelayMs: 1_000));
        state.OnRetry(new InvalidOperationException());

        Task wait = state.WaitAsync(caller.Token).AsTask();
        time.Advance(Ms(500));
        Assert.False(wait.IsCompleted);

        caller.Cancel();

        OperationCanceledException ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        Assert.Equal(caller.Token, ex.CancellationToken);
        Assert.True(wait.IsCanceled);
    }

    [Fact]
    public async Task WaitAsync_with_an_already_cancelled_token_does_not_wait()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        var state = new RetryState(Policy(baseDelayMs: 1_000));
        state.OnRetry(new InvalidOperationException());

        ValueTask wait = state.WaitAsync(caller.Token);

        Assert.True(wait.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.AsTask());
        Assert.Empty(time.RequestedDelays);
    }

    [Fact]
    public async Task Wait_is_cancelled_when_the_caller_cancels_during_the_delay()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        using var caller = new CancellationTokenSource();
        var state = new RetryState(Policy(baseDelayMs: 1_000));
        state.OnRetry(new InvalidOperationException());

        Task blocked = Task.Run(() => state.Wait(caller.Token));
        Assert.True(SpinWait.SpinUntil(() => time.RequestedDelays.Count == 1, TimeSpan.FromSeconds(30)), "Wait never started its timer.");
        Assert.False(blocked.IsCompleted);

        caller.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => blocked);
    }

    [Fact]
    public void Wait_with_an_already_cancelled_token_throws()
    {
        UseFakeTime(autoAdvance: true);
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        var state = new RetryState(Policy(baseDelayMs: 1_000));
        state.OnRetry(new InvalidOperationException());

        Assert.ThrowsAny<OperationCanceledException>(() => state.Wait(caller.Token));
    }

    [Fact]
    public async Task A_zero_delay_creates_no_timer()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        var state = new RetryState(Policy(baseDelayMs: 0, maxDelayMs: 0));

        state.OnRetry(new InvalidOperationException());
        state.Wait(CancellationToken.None);
        ValueTask wait = state.WaitAsync(CancellationToken.None);

        Assert.True(wait.IsCompletedSuccessfully);
        await wait;
        Assert.Empty(time.RequestedDelays);
        Assert.Equal(TimeSpan.Zero, state.TotalDelay);
    }

    [Fact]
    public void A_zero_delay_still_observes_cancellation()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        var state = new RetryState(Policy(baseDelayMs: 0, maxDelayMs: 0));
        state.OnRetry(new InvalidOperationException());

        Assert.Throws<OperationCanceledException>(() => state.Wait(caller.Token));
        Assert.True(state.WaitAsync(caller.Token).IsCanceled);
        Assert.Empty(time.RequestedDelays);
    }

    [Fact]
    public void Waiting_before_any_retry_creates_no_timer()
    {
        FakeClock time = UseFakeTime(autoAdvance: false);
        var state = new RetryState(Policy(baseDelayMs: 1_000));

        state.Wait(CancellationToken.None);

        Assert.True(state.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Empty(time.RequestedDelays);
    }

    [Fact]
    public void Wait_uses_the_TimeProvider_in_force_when_it_waits()
    {
        var state = new RetryState(Policy(baseDelayMs: 300));
        state.OnRetry(new InvalidOperationException());

        FakeClock time = UseFakeTime(autoAdvance: true);
        state.Wait(CancellationToken.None);

        Assert.Equal(new[] { Ms(300) }, time.RequestedDelays);
    }
    // ---- Allocation-free bookkeeping ----

    [Theory]
    [InlineData(Jitter.None)]
    [InlineData(Jitter.Full)]
    [InlineData(Jitter.Equal)]
    [InlineData(Jitter.Decorrelated)]
    public void The_state_itself_allocates_nothing(Jitter jitter)
    {
        RetryPolicy policy = Policy(maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0, jitter: jitter);
        var failure = new InvalidOperationException();
        using var caller = new CancellationTokenSource();

        Exercise(policy, failure, caller.Token, 100); // JIT
        long before = GC.GetAllocatedBytesForCurrentThread();
        int retries = Exercise(policy, failure, caller.Token, 1_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2_000, retries);
        Assert.Equal(0, allocated);
    }

    private static int Exercise(RetryPolicy policy, Exception failure, CancellationToken ct, int calls)
    {
        int retries = 0;
        for (int i = 0; i < calls; i++)
        {
            var state = new RetryState(policy);
            while (state.ShouldRetry(failure, ct))
            {
                state.OnRetry(failure);
                state.Wait(ct);
                if (!state.WaitAsync(ct).IsCompletedSuccessfully)
                {
                    throw new InvalidOperationException("A zero delay did not complete at once.");
                }
            }

            retries += state.Retries;
        }

        return retries;
    }
}
