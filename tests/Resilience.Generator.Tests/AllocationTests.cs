using Resilience.Generator.Tests.TestClasses;
using Xunit.Abstractions;

namespace Resilience.Generator.Tests;

/// <summary>
/// Deterministic allocation guards: a successful call through the generated wrapper allocates nothing beyond what the
/// implementation allocates (here: nothing). Runs on the system clock: the other tests install their fake clocks for their own flow only.
/// </summary>
[Collection(AllocationCollection.Name)]
public class AllocationTests(ITestOutputHelper output)
{
    private const int Calls = 10_000;
    private const int LastKnownGoodEnqueueBytes = 64;
    private const int FingerprintKeyBytes = 152;
    private readonly HotPath _hot = new();
    private readonly LastKnownGoodHotPath _lastKnownGood = new();

    [Fact]
    public void Sync_call_through_Retry_and_Fallback_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.Sync(i);
            return sum;
        });

    [Fact]
    public void Synchronously_completed_ValueTask_through_Retry_and_Fallback_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.SyncCompletingAsync(i).Result;
            return sum;
        });

    [Fact]
    public void Sync_call_through_Retry_Timeout_and_Fallback_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.SyncWithTimeout(i, CancellationToken.None);
            return sum;
        });

    [Fact]
    public void Synchronously_completed_ValueTask_through_Retry_Timeout_and_Fallback_with_a_cancellable_token_allocates_nothing()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken token = cts.Token;
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.SyncCompletingWithTimeoutAsync(i, token).Result;
            return sum;
        });
    }

    [Fact]
    public void Sync_call_with_result_predicates_on_Retry_CircuitBreaker_and_Fallback_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.SyncWithResultPredicates(i);
            return sum;
        });

    [Fact]
    public void Synchronously_completed_ValueTask_with_result_predicates_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.SyncCompletingWithResultPredicatesAsync(i).Result;
            return sum;
        });

    [Fact]
    public void Sync_call_through_all_five_policies_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.AllFive(i, CancellationToken.None);
            return sum;
        });

    [Fact]
    public void Synchronously_completed_ValueTask_through_all_five_policies_allocates_nothing()
    {
        using var cts = new CancellationTokenSource();
        CancellationToken token = cts.Token;
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.AllFiveAsync(i, token).Result;
            return sum;
        });
    }

    [Fact]
    public void Void_call_through_Retry_allocates_nothing() =>
        AssertNoAllocation(() =>
        {
            for (int i = 0; i < Calls; i++) _hot.Void();
            return 0;
        });

    [Fact]
    public void Sync_call_through_a_generated_proxy_with_class_policies_allocates_nothing()
    {
        var proxy = new ResilientPriceApi(new PriceApi());
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += proxy.Price("sku");
            return sum;
        });
    }

    [Fact]
    public void Synchronously_completed_ValueTask_through_a_generated_proxy_allocates_nothing()
    {
        var proxy = new ResilientPriceApi(new PriceApi());
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += proxy.PriceAsync("sku", CancellationToken.None).Result;
            return sum;
        });
    }

    // [LastKnownGood] records every success: one queued write (its only allocation, the PendingWrite<T> entry), and the
    // fingerprint's 64-character key when the method has arguments and no Key template. Measured figures, asserted exactly.
    [Fact]
    public void Sync_call_through_LastKnownGood_without_arguments_allocates_only_the_queued_write() =>
        AssertAllocationPerCall(LastKnownGoodEnqueueBytes, () =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _lastKnownGood.Current();
            return sum;
        });

    [Fact]
    public void Synchronously_completed_ValueTask_through_LastKnownGood_allocates_only_the_queued_write() =>
        AssertAllocationPerCall(LastKnownGoodEnqueueBytes, () =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _lastKnownGood.CurrentAsync().Result;
            return sum;
        });

    [Fact]
    public void Sync_call_through_LastKnownGood_with_an_argument_allocates_the_fingerprint_key_and_the_queued_write() =>
        AssertAllocationPerCall(LastKnownGoodEnqueueBytes + FingerprintKeyBytes, () =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _lastKnownGood.ForService("checkout");
            return sum;
        });

    private static void AssertAllocationPerCall(double expectedPerCall, Func<int> work)
    {
        Assert.Same(TimeProvider.System, ResilienceRuntime.TimeProvider);
        work();
        work();
        LastKnownGoodPolicy.FlushAsync().GetAwaiter().GetResult();

        long before = GC.GetAllocatedBytesForCurrentThread();
        int result = work();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        double perCall = (double)allocated / Calls;
        Assert.True(Math.Abs(perCall - expectedPerCall) < 1, $"{perCall:0.##} B/call ({allocated} bytes for {Calls} calls), expected {expectedPerCall} B/call; result {result}.");
    }

    [Fact]
    public void Sync_call_rejected_by_an_open_breaker_and_answered_by_the_fallback_allocates_nothing()
    {
        IsolateRejectedBreaker();
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.Rejected(i) + 1;
            return sum;
        });
    }

    [Fact]
    public void ValueTask_call_rejected_by_an_open_breaker_and_answered_by_the_fallback_allocates_nothing()
    {
        IsolateRejectedBreaker();
        AssertNoAllocation(() =>
        {
            int sum = 0;
            for (int i = 0; i < Calls; i++) sum += _hot.RejectedAsync(i).Result + 1;
            return sum;
        });
    }

    [Fact]
    public async Task Asynchronously_completing_Task_through_Retry_allocates_no_more_than_the_same_loop_written_by_hand()
    {
        var path = new AsyncPath();
        double generated = await BytesPerAsyncCall(async i => await path.TaskAsync(i));
        double hand = await BytesPerAsyncCall(async i => await path.HandTaskAsync(i));
        double direct = await BytesPerAsyncCall(async i => await path.TaskAsyncCore(i));
        output.WriteLine($"Task through Retry: generated {generated:0.#} B/call, hand-written {hand:0.#} B/call, implementation alone {direct:0.#} B/call (each includes the measuring lambda's own task).");

        Assert.True(generated <= hand + AsyncNoise, $"generated {generated:0.#} B/call, hand-written {hand:0.#} B/call, implementation alone {direct:0.#} B/call.");
    }

    [Fact]
    public async Task Asynchronously_completing_ValueTask_through_Retry_allocates_nothing_beyond_the_implementation()
    {
        var path = new AsyncPath();
        double generated = await BytesPerAsyncCall(async i => await path.ValueTaskAsync(i));
        double direct = await BytesPerAsyncCall(async i => await path.ValueTaskAsyncCore(i));
        output.WriteLine($"ValueTask<int> through Retry: generated {generated:0.#} B/call, implementation alone {direct:0.#} B/call.");

        Assert.True(generated <= direct + AsyncNoise, $"generated {generated:0.#} B/call, implementation alone {direct:0.#} B/call.");
    }

    [Fact]
    public async Task Asynchronously_completing_ValueTask_through_Retry_and_Fallback_allocates_nothing_beyond_the_implementation()
    {
        var path = new AsyncPath();
        double generated = await BytesPerAsyncCall(async i => await path.VoidValueTaskAsync(i));
        double direct = await BytesPerAsyncCall(async i => await path.VoidValueTaskAsyncCore(i));
        output.WriteLine($"ValueTask through Retry and Fallback: generated {generated:0.#} B/call, implementation alone {direct:0.#} B/call.");

        Assert.True(generated <= direct + AsyncNoise, $"generated {generated:0.#} B/call, implementation alone {direct:0.#} B/call.");
    }

    // Continuations run on pool threads, so the whole process is measured; the collection runs alone, and what the pool
    // itself allocates now and then is amortised over the calls, a few bytes a call either way under load. Any object the
    // generated code allocated per call would be at least 24 B, so a margin of 8 B/call still catches every one of them.
    private const double AsyncNoise = 8;

    // Anything else the process allocates meanwhile (thread-pool growth, timers) only adds bytes, so the least of three
    // measurements is the one closest to what the calls themselves allocate.
    private static async Task<double> BytesPerAsyncCall(Func<int, Task> call)
    {
        const int calls = 20_000;
        return await Task.Run(async () =>
        {
            for (int i = 0; i < calls; i++) await call(i); // warm up: JIT tiers, pools
            double least = double.MaxValue;
            for (int run = 0; run < 3; run++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < calls; i++) await call(i);
                least = Math.Min(least, (double)(GC.GetTotalAllocatedBytes(precise: true) - before) / calls);
            }

            return least;
        });
    }

    // The breaker is created with HotPath's static policies; isolating it keeps it open for as long as the test runs.
    private void IsolateRejectedBreaker()
    {
        _ = _hot.Rejected(0);
        CircuitBreakerRegistry.Default["hotpath.rejected"].Isolate();
        Assert.Equal(0, _hot.Rejected(1));
    }

    private static void AssertNoAllocation(Func<int> work)
    {
        Assert.Same(TimeProvider.System, ResilienceRuntime.TimeProvider);
        work(); // warm up: static policies, pooled token sources, JIT tiers
        work();

        long before = GC.GetAllocatedBytesForCurrentThread();
        int result = work();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated == 0, $"{allocated} bytes allocated for {Calls} calls ({(double)allocated / Calls:0.##} B/call); result {result}.");
    }
}

/// <summary>
/// Allocation guards run alone: a timeout test running beside them can take the pooled cancellation source their calls
/// would reuse, and the replacement is an allocation that is not the generated code's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation guards";
}
