using Resilience.Runtime.Tests.Configuration;

namespace Resilience.Runtime.Tests.Bulkheads;

public sealed class BulkheadTests : GlobalStateTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static BulkheadPolicy NewPolicy(int maxConcurrency, int maxQueue = 0) =>
        new(UniqueName("bh"), new BulkheadOptions { MaxConcurrency = maxConcurrency, MaxQueue = maxQueue });

    [Fact]
    public void Rejects_calls_beyond_the_concurrency_limit_when_there_is_no_queue()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 2);
        BulkheadLease first = policy.Enter(default);
        BulkheadLease second = policy.Enter(default);

        var rejected = Assert.Throws<BulkheadRejectedException>(() => policy.Enter(default));

        Assert.Equal(policy.Name, rejected.PolicyName);
        Assert.Equal(2, rejected.MaxConcurrency);
        Assert.Equal(0, rejected.MaxQueue);
        BulkheadStatistics stats = policy.Bulkhead.Statistics;
        Assert.Equal(2, stats.Running);
        Assert.Equal(0, stats.Queued);
        Assert.Equal(1, stats.Rejected);

        first.Dispose();
        using (policy.Enter(default))
        {
            Assert.Equal(2, policy.Bulkhead.Statistics.Running);
        }

        second.Dispose();
        Assert.Equal(0, policy.Bulkhead.Statistics.Running);
    }

    [Fact]
    public void A_lease_releases_its_slot_exactly_once()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 2);
        BulkheadLease held = policy.Enter(default);
        BulkheadLease lease = policy.Enter(default);

        lease.Dispose();
        lease.Dispose();

        Assert.False(lease.IsHeld);
        Assert.Equal(1, policy.Bulkhead.Statistics.Running);
        held.Dispose();
    }

    [Fact]
    public async Task Queues_up_to_MaxQueue_and_hands_a_released_slot_to_the_first_waiter()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1, maxQueue: 2);
        BulkheadLease running = await policy.EnterAsync(default);

        ValueTask<BulkheadLease> first = policy.EnterAsync(default);
        ValueTask<BulkheadLease> second = policy.EnterAsync(default);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Equal(2, policy.Bulkhead.Statistics.Queued);
        await Assert.ThrowsAsync<BulkheadRejectedException>(() => policy.EnterAsync(default).AsTask());

        running.Dispose();
        BulkheadLease firstLease = await first.AsTask().WaitAsync(Patience);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, policy.Bulkhead.Statistics.Running);
        Assert.Equal(1, policy.Bulkhead.Statistics.Queued);

        firstLease.Dispose();
        using (await second.AsTask().WaitAsync(Patience))
        {
            Assert.Equal(1, policy.Bulkhead.Statistics.Running);
            Assert.Equal(0, policy.Bulkhead.Statistics.Queued);
        }

        Assert.Equal(0, policy.Bulkhead.Statistics.Running);
        Assert.Equal(1, policy.Bulkhead.Statistics.Rejected);
    }

    [Fact]
    public async Task A_queued_call_honours_the_callers_token()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1, maxQueue: 1);
        using BulkheadLease running = policy.Enter(default);
        using var cts = new CancellationTokenSource();

        ValueTask<BulkheadLease> waiting = policy.EnterAsync(cts.Token);
        Assert.Equal(1, policy.Bulkhead.Statistics.Queued);
        cts.Cancel();

        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask().WaitAsync(Patience));
        Assert.Equal(cts.Token, canceled.CancellationToken);
        Assert.Equal(0, policy.Bulkhead.Statistics.Queued);
        Assert.Equal(1, policy.Bulkhead.Statistics.Running);
        Assert.Equal(0, policy.Bulkhead.Statistics.Rejected);
    }

    [Fact]
    public void A_cancelled_token_is_honoured_even_when_a_slot_is_free()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1);
        var canceled = new CancellationToken(canceled: true);

        Assert.ThrowsAny<OperationCanceledException>(() => policy.Enter(canceled));
        Assert.True(policy.EnterAsync(canceled).IsCanceled);
        Assert.Equal(0, policy.Bulkhead.Statistics.Running);
    }

    [Fact]
    public async Task The_synchronous_Enter_blocks_while_queued_and_can_be_cancelled()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1, maxQueue: 2);
        BulkheadLease running = policy.Enter(default);
        using var cts = new CancellationTokenSource();

        Task<bool> admitted = Task.Run(() =>
        {
            using (policy.Enter(default))
            {
                return true;
            }
        });
        Assert.True(SpinWait.SpinUntil(() => policy.Bulkhead.Statistics.Queued == 1, Patience));
        Task cancelled = Task.Run(() => policy.Enter(cts.Token).Dispose());
        Assert.True(SpinWait.SpinUntil(() => policy.Bulkhead.Statistics.Queued == 2, Patience));

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        Assert.False(admitted.IsCompleted);

        running.Dispose();
        Assert.True(await admitted.WaitAsync(Patience));
        Assert.True(SpinWait.SpinUntil(() => policy.Bulkhead.Statistics.Running == 0, Patience));
    }

    [Fact]
    public async Task Waiters_are_admitted_in_arrival_order()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1, maxQueue: 5);
        BulkheadLease running = policy.Enter(default);
        var order = new List<int>();
        var waiters = new List<Task>();
        for (int i = 0; i < 5; i++)
        {
            int id = i;
            ValueTask<BulkheadLease> entered = policy.EnterAsync(default);
            waiters.Add(entered.AsTask().ContinueWith(t =>
            {
                lock (order)
                {
                    order.Add(id);
                }

                t.Result.Dispose();
            }, TaskScheduler.Default));
        }

        running.Dispose();
        await Task.WhenAll(waiters).WaitAsync(Patience);

        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
    }

    [Fact]
    public void Bulkheads_with_equal_names_share_slots_and_the_first_options_win()
    {
        string name = UniqueName("shared");
        var first = new BulkheadPolicy(name, new BulkheadOptions { MaxConcurrency = 1 });
        var second = new BulkheadPolicy(name, new BulkheadOptions { MaxConcurrency = 10 });

        Assert.Same(first.Bulkhead, second.Bulkhead);
        using (first.Enter(default))
        {
            Assert.Throws<BulkheadRejectedException>(() => second.Enter(default));
        }

        Assert.Same(first.Bulkhead, BulkheadRegistry.Default[name]);
        Assert.Contains(name, ResiliencePolicyRegistry.GetNames(PolicyKind.Bulkhead));
    }

    [Fact]
    public async Task Raising_the_limit_admits_queued_calls_and_lowering_it_admits_no_one_until_below()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1, maxQueue: 1);
        BulkheadLease first = policy.Enter(default);
        ValueTask<BulkheadLease> queued = policy.EnterAsync(default);

        policy.Override(new BulkheadOptions { MaxConcurrency = 2, MaxQueue = 1 });
        BulkheadLease second = await queued.AsTask().WaitAsync(Patience);
        Assert.Equal(2, policy.Bulkhead.Statistics.Running);

        policy.Override(null); // back to 1 slot while 2 run
        first.Dispose();
        ValueTask<BulkheadLease> third = policy.EnterAsync(default);
        Assert.False(third.IsCompleted); // 1 running = the lowered limit: queued
        second.Dispose();
        using (await third.AsTask().WaitAsync(Patience))
        {
            Assert.Equal(1, policy.Bulkhead.Statistics.Running);
        }
    }

    [Fact]
    public void Switched_off_bulkheads_let_everything_through()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 1);
        ResilienceRuntime.SetEnabled(PolicyKind.Bulkhead, false);

        BulkheadLease a = policy.Enter(default);
        BulkheadLease b = policy.Enter(default);
        Assert.True(policy.EnterAsync(default).IsCompletedSuccessfully);
        Assert.Equal(0, policy.Bulkhead.Statistics.Running);
        a.Dispose();
        b.Dispose();
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewPolicy(maxConcurrency: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewPolicy(maxConcurrency: 1, maxQueue: -1));
    }

    [Fact]
    public async Task Under_load_never_more_than_MaxConcurrency_run()
    {
        BulkheadPolicy policy = NewPolicy(maxConcurrency: 3, maxQueue: 1_000);
        int now = 0, max = 0;
        async Task Work()
        {
            for (int i = 0; i < 200; i++)
            {
                using (await policy.EnterAsync(default).ConfigureAwait(false))
                {
                    int current = Interlocked.Increment(ref now);
                    int seen;
                    while (current > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, current, seen) != seen)
                    {
                    }

                    await Task.Yield();
                    Interlocked.Decrement(ref now);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(Work))).WaitAsync(Patience);

        Assert.InRange(max, 1, 3);
        Assert.Equal(0, policy.Bulkhead.Statistics.Running);
        Assert.Equal(0, policy.Bulkhead.Statistics.Queued);
    }
}
