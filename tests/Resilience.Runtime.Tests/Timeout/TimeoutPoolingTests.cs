namespace Resilience.Runtime.Tests;

/// <summary>
/// <see cref="TimeoutLease"/> on the system clock: pooled cancellation sources. The pool is process-wide, so these run alone
/// (<see cref="CancellationSourcePoolCollection"/>).
/// </summary>
[Collection(CancellationSourcePoolCollection.Name)]
public sealed class TimeoutPoolingTests
{
    private static TimeoutPolicy Policy(int ms) => TimeoutPolicyTests.Policy(ms);

    [Fact]
    public void On_the_system_clock_the_caller_s_cancellation_propagates_and_is_not_a_timeout()
    {
        using var caller = new CancellationTokenSource();

        using TimeoutLease scope = Policy(3_600_000).Start(caller.Token);
        Assert.False(scope.Token.IsCancellationRequested);
        caller.Cancel();

        Assert.True(scope.Token.IsCancellationRequested);
        Assert.False(scope.IsTimeout(new OperationCanceledException(scope.Token)));
    }

    [Fact]
    public void On_the_system_clock_a_disposed_scope_s_source_is_reused_by_the_next_scope()
    {
        TimeoutPolicy policy = Policy(3_600_000);
        List<CancellationTokenSource> held = DrainPool();
        try
        {
            CancellationToken first;
            using (TimeoutLease scope = policy.Start(CancellationToken.None))
            {
                first = scope.Token;
            }

            using TimeoutLease next = policy.Start(CancellationToken.None);

            Assert.Equal(first, next.Token);
            Assert.False(next.Token.IsCancellationRequested);
        }
        finally
        {
            held.ForEach(CancellationTokenSourcePool.Return);
        }
    }

    [Fact]
    public void On_the_system_clock_a_cancelled_source_is_never_reused()
    {
        TimeoutPolicy policy = Policy(3_600_000);
        using var caller = new CancellationTokenSource();
        List<CancellationTokenSource> held = DrainPool();
        try
        {
            CancellationToken cancelled;
            using (TimeoutLease scope = policy.Start(caller.Token))
            {
                caller.Cancel();
                cancelled = scope.Token;
            }

            using TimeoutLease next = policy.Start(CancellationToken.None);

            Assert.NotEqual(cancelled, next.Token);
            Assert.True(cancelled.IsCancellationRequested);
            Assert.False(next.Token.IsCancellationRequested);
        }
        finally
        {
            held.ForEach(CancellationTokenSourcePool.Return);
        }
    }

    [Fact]
    public void On_the_system_clock_a_disposed_scope_ignores_its_caller_even_when_its_source_is_reused()
    {
        TimeoutPolicy policy = Policy(3_600_000);
        using var caller = new CancellationTokenSource();
        List<CancellationTokenSource> held = DrainPool();
        try
        {
            CancellationToken first;
            using (TimeoutLease scope = policy.Start(caller.Token))
            {
                first = scope.Token;
            }

            using TimeoutLease next = policy.Start(CancellationToken.None);
            Assert.Equal(first, next.Token);

            caller.Cancel();

            Assert.False(next.Token.IsCancellationRequested);
        }
        finally
        {
            held.ForEach(CancellationTokenSourcePool.Return);
        }
    }

    [Fact]
    public void On_the_system_clock_a_scope_that_finishes_in_time_allocates_nothing_without_a_caller_token()
    {
        TimeoutPolicy policy = Policy(30_000);

        StartAndDispose(policy, default, WarmUp); // JIT, and a timer for every pooled source
        long before = GC.GetAllocatedBytesForCurrentThread();
        StartAndDispose(policy, default, 1_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void On_the_system_clock_a_scope_that_finishes_in_time_allocates_nothing_with_a_live_caller_token()
    {
        TimeoutPolicy policy = Policy(30_000);
        using var caller = new CancellationTokenSource();

        StartAndDispose(policy, caller.Token, WarmUp); // JIT, a timer for every pooled source, the caller's registration node
        long before = GC.GetAllocatedBytesForCurrentThread();
        StartAndDispose(policy, caller.Token, 1_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.False(caller.IsCancellationRequested);
    }

    // The pool is a FIFO queue of up to 1 024 sources, some of which (given back by other tests) never had a timer: the
    // first CancelAfter on each creates one. Warming up with more scopes than the pool holds reaches every one of them.
    private const int WarmUp = 5_000;

    private static void StartAndDispose(TimeoutPolicy policy, CancellationToken callerToken, int times)
    {
        for (int i = 0; i < times; i++)
        {
            using TimeoutLease scope = policy.Start(callerToken);
            if (scope.Token.IsCancellationRequested)
            {
                throw new InvalidOperationException("The scope's token was cancelled at once.");
            }
        }
    }

    // Takes every pooled source out so that the next Rent returns the next source given back.
    private static List<CancellationTokenSource> DrainPool()
    {
        var held = new List<CancellationTokenSource>();
        for (int i = 0; i < 4_096; i++)
        {
            held.Add(CancellationTokenSourcePool.Rent());
        }

        return held;
    }
}
