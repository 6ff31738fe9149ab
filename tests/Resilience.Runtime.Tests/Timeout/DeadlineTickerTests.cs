using System.Collections.Concurrent;
using Resilience.Testing;

namespace Resilience.Runtime.Tests;

/// <summary>
/// The coarse-deadline ticker behind pooled <see cref="TimeoutLease"/>s, on its own fake clock (a private ticker, not the
/// shared one): precision, reuse, the idle stop, and many threads arming and disarming while timeouts fire.
/// </summary>
public sealed class DeadlineTickerTests
{
    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    private static double ElapsedMs(FakeTimeProvider time, long since) => time.GetElapsedTime(since).TotalMilliseconds;

    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.3, 10)]
    [InlineData(0.999, 10)]
    [InlineData(0.5, 1)]
    [InlineData(0.0, 250)]
    public void A_timeout_never_fires_early_and_at_most_two_ticks_late(double phaseMs, int timeoutMs)
    {
        var time = new FakeTimeProvider();
        var ticker = new DeadlineTicker(time);

        // A first lease starts the timer, so the measured lease is armed at the given phase between two ticks.
        DeadlineSlot warm = ticker.Rent(CancellationToken.None)!;
        long warmArm = ticker.Arm(warm, 3_600_000);
        time.Advance(Ms(DeadlineTicker.TickMs * 3 + phaseMs));

        DeadlineSlot slot = ticker.Rent(CancellationToken.None)!;
        long armed = ticker.Arm(slot, timeoutMs);
        long start = time.GetTimestamp();
        double firedAfter = double.NaN;
        using CancellationTokenRegistration probe = slot.Source.Token.Register(() => firedAfter = ElapsedMs(time, start));

        for (int step = 0; step < (timeoutMs + 5) * 10 && double.IsNaN(firedAfter); step++)
        {
            time.Advance(Ms(0.1));
        }

        Assert.False(double.IsNaN(firedAfter), "The timeout never fired.");
        Assert.InRange(firedAfter, timeoutMs, timeoutMs + 2 * DeadlineTicker.TickMs + 0.1);
        ticker.Disarm(slot, armed);
        ticker.Disarm(warm, warmArm);
    }

    [Fact]
    public void A_disarmed_slot_is_never_cancelled_and_serves_the_next_call_with_the_same_source()
    {
        var time = new FakeTimeProvider();
        var ticker = new DeadlineTicker(time);

        DeadlineSlot slot = ticker.Rent(CancellationToken.None)!;
        CancellationToken token = slot.Source.Token;
        long armed = ticker.Arm(slot, 5);
        time.Advance(Ms(4));
        ticker.Disarm(slot, armed);
        time.Advance(Ms(50));

        Assert.False(token.IsCancellationRequested);
        DeadlineSlot again = ticker.Rent(CancellationToken.None)!;
        Assert.Same(slot, again);
        Assert.Equal(token, again.Source.Token);
        ticker.Disarm(again, ticker.Arm(again, 5));
    }

    [Fact]
    public void A_fired_slot_gets_a_fresh_source_before_it_is_used_again()
    {
        var time = new FakeTimeProvider();
        var ticker = new DeadlineTicker(time);

        DeadlineSlot slot = ticker.Rent(CancellationToken.None)!;
        CancellationToken fired = slot.Source.Token;
        long armed = ticker.Arm(slot, 2);
        time.Advance(Ms(5));
        Assert.True(fired.IsCancellationRequested);
        ticker.Disarm(slot, armed);

        DeadlineSlot again = ticker.Rent(CancellationToken.None)!;
        Assert.NotEqual(fired, again.Source.Token);
        Assert.False(again.Source.Token.IsCancellationRequested);
        Assert.Equal(DeadlineSlot.Idle, Volatile.Read(ref again.Arm));
    }

    [Fact]
    public void The_timer_stops_when_nothing_is_armed_and_starts_again_with_the_next_arm()
    {
        var time = new FakeTimeProvider();
        var ticker = new DeadlineTicker(time);
        Assert.False(ticker.IsRunning);

        DeadlineSlot slot = ticker.Rent(CancellationToken.None)!;
        ticker.Disarm(slot, ticker.Arm(slot, 1_000));
        Assert.True(ticker.IsRunning);

        time.Advance(Ms(DeadlineTicker.TickMs * (DeadlineTicker.IdleTicksBeforeStop + 1)));
        Assert.False(ticker.IsRunning);

        // After the stop the next arm restarts the timer, and its timeout still fires.
        slot = ticker.Rent(CancellationToken.None)!;
        long armed = ticker.Arm(slot, 3);
        Assert.True(ticker.IsRunning);
        time.Advance(Ms(6));
        Assert.True(slot.Source.IsCancellationRequested);
        ticker.Disarm(slot, armed);
    }

    [Fact]
    public void A_slot_linked_to_one_caller_is_unlinked_before_it_serves_another()
    {
        var ticker = new DeadlineTicker(new FakeTimeProvider());
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        DeadlineSlot slot = ticker.Rent(first.Token)!;
        ticker.Disarm(slot, ticker.Arm(slot, 1_000));
        DeadlineSlot again = ticker.Rent(second.Token)!;
        Assert.Same(slot, again);

        first.Cancel();
        Assert.False(again.Source.IsCancellationRequested);
        second.Cancel();
        Assert.True(again.Source.IsCancellationRequested);
        ticker.Disarm(again, ticker.Arm(again, 1_000));
    }

    [Fact]
    public void Beyond_the_slot_limit_Rent_returns_null_and_a_returned_slot_is_rented_again()
    {
        var ticker = new DeadlineTicker(new FakeTimeProvider());
        var held = new List<(DeadlineSlot Slot, long Armed)>();
        for (int i = 0; i < DeadlineTicker.MaxSlots; i++)
        {
            DeadlineSlot slot = ticker.Rent(CancellationToken.None)!;
            held.Add((slot, ticker.Arm(slot, 1_000)));
        }

        Assert.Equal(DeadlineTicker.MaxSlots, held.Select(h => h.Slot).Distinct().Count());
        Assert.Null(ticker.Rent(CancellationToken.None));

        foreach ((DeadlineSlot slot, long armed) in held)
        {
            ticker.Disarm(slot, armed);
        }

        Assert.NotNull(ticker.Rent(CancellationToken.None));
        Assert.Equal(DeadlineTicker.MaxSlots, ticker.SlotCount);
    }

    [Fact]
    public void A_slot_cached_by_a_thread_that_ended_is_reclaimed_when_the_pool_runs_out()
    {
        var ticker = new DeadlineTicker(new FakeTimeProvider());
        DeadlineSlot? cachedByEndedThread = null;
        var thread = new Thread(() =>
        {
            DeadlineSlot slot = ticker.Rent(CancellationToken.None)!;
            ticker.Disarm(slot, ticker.Arm(slot, 1_000)); // lands in that thread's cache
            cachedByEndedThread = slot;
        });
        thread.Start();
        thread.Join();

        var held = new List<DeadlineSlot>();
        for (int i = 0; i < DeadlineTicker.MaxSlots - 1; i++)
        {
            held.Add(ticker.Rent(CancellationToken.None)!);
        }

        DeadlineSlot? reclaimed = ticker.Rent(CancellationToken.None);

        Assert.Same(cachedByEndedThread, reclaimed);
        Assert.DoesNotContain(reclaimed, held);
    }

    [Fact]
    public void Many_threads_arming_and_disarming_while_timeouts_fire_never_share_a_slot_nor_see_an_early_or_foreign_cancellation()
    {
        var time = new FakeTimeProvider();
        var ticker = new DeadlineTicker(time);
        var inUse = new ConcurrentDictionary<CancellationTokenSource, int>();
        var failures = new ConcurrentQueue<string>();
        int timeouts = 0;
        int callerCancellations = 0;
        using var stop = new CancellationTokenSource();
        const int Workers = 3;
        const int CallsPerWorker = 600;

        var advancer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                time.Advance(Ms(0.25));
                Thread.Yield();
            }
        });
        advancer.Start();

        Thread[] workers = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            var random = new Random(w);
            CancellationTokenSource caller = new();
            for (int call = 0; call < CallsPerWorker; call++)
            {
                if (caller.IsCancellationRequested)
                {
                    caller.Dispose();
                    caller = new CancellationTokenSource();
                }

                CancellationToken callerToken = random.Next(3) == 0 ? CancellationToken.None : caller.Token;
                int timeoutMs = 1 + random.Next(3);
                long start = time.GetTimestamp();
                DeadlineSlot slot = ticker.Rent(callerToken)!;
                CancellationTokenSource source = slot.Source;
                if (!inUse.TryAdd(source, w))
                {
                    failures.Enqueue($"A source was handed to two calls at once (worker {w}, call {call}).");
                }

                if (source.IsCancellationRequested && !callerToken.IsCancellationRequested)
                {
                    failures.Enqueue($"A rented source was already cancelled (worker {w}, call {call}).");
                }

                // Registered before arming: a timeout then runs it on the advancing thread, a caller's cancellation on this one.
                double firedAfter = double.NaN;
                bool firedByTicker = false;
                bool probed = false;
                int firedOn = 0;
                CancellationTokenRegistration probe = source.Token.Register(() =>
                {
                    firedAfter = ElapsedMs(time, start);
                    firedByTicker = Thread.CurrentThread == advancer;
                    firedOn = Thread.CurrentThread.ManagedThreadId;
                    Volatile.Write(ref probed, true);
                });
                long armed = ticker.Arm(slot, timeoutMs);

                if (random.Next(50) == 0)
                {
                    caller.Cancel();
                }

                // Hold the call for a random share of (a little more than) its timeout, in fake time: many calls time out,
                // many end just before or just as the ticker fires.
                double holdMs = random.NextDouble() * (timeoutMs + 2);
                while (!source.IsCancellationRequested && ElapsedMs(time, start) < holdMs)
                {
                    Thread.Yield();
                }

                // After Disarm the ticker can no longer cancel this call's source, so what follows reads a settled outcome.
                inUse.TryRemove(source, out _);
                ticker.Disarm(slot, armed);

                // A cancellation under way sets the flag before it runs the callbacks: let the probe run before removing it.
                if (source.IsCancellationRequested && !SpinWait.SpinUntil(() => Volatile.Read(ref probed), TimeSpan.FromSeconds(10)))
                {
                    failures.Enqueue($"A cancellation never ran its callbacks (worker {w}, call {call}).");
                }

                probe.Dispose();
                bool callerCancelled = callerToken.IsCancellationRequested;
                if (source.IsCancellationRequested)
                {
                    if (callerCancelled)
                    {
                        Interlocked.Increment(ref callerCancellations);
                    }
                    else if (!firedByTicker)
                    {
                        failures.Enqueue($"A source was cancelled by neither its timeout nor its caller (worker {w}, call {call}, cancelled on thread {firedOn}).");
                    }
                    else if (firedAfter < timeoutMs)
                    {
                        failures.Enqueue($"A {timeoutMs} ms timeout fired after {firedAfter} ms (worker {w}, call {call}).");
                    }
                    else
                    {
                        Interlocked.Increment(ref timeouts);
                    }
                }
            }

            caller.Dispose();
        })).ToArray();

        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        stop.Cancel();
        advancer.Join();

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.True(timeouts > 100, $"Only {timeouts} timeouts fired; the test did not exercise firing against disarming.");
        Assert.True(callerCancellations > 10, $"Only {callerCancellations} caller cancellations.");
    }
}
