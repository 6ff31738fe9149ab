using System;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Coarse deadlines for <see cref="TimeoutLease"/>: one shared timer ticking every <see cref="TickMs"/> while any lease
    /// is armed cancels the pooled sources whose timeout has elapsed. Arming a lease is one write of a deadline word into
    /// its slot; no per-call timer is created, armed or disarmed.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <b>Clock.</b> A lease reads the ticker's epoch (the number of ticks so far) when it is armed. Each tick first
    /// publishes the next epoch and then reads the clock, so the time it records for the previous epoch is later than
    /// every arm that read that epoch: an upper bound of the arm's start. A lease's deadline is that bound plus its
    /// timeout, so a timeout <b>never fires early</b>. It fires late by at most two ticks (the bound is up to one tick
    /// after the start; expiry is noticed at the next tick) plus whatever delays the timer's thread — 0–2 ms with the
    /// default tick, the same order as <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>, whose timer works in
    /// whole milliseconds.
    /// </para>
    /// <para>
    /// <b>Idle.</b> After <see cref="IdleTicksBeforeStop"/> ticks with nothing armed the timer stops; the next arm starts
    /// it again (the only arm that touches the timer). The race between stopping and arming is closed with a process-wide
    /// memory barrier on the (rare) stopping side, so arming needs no fence.
    /// </para>
    /// <para>
    /// <b>Pool.</b> Each thread caches one slot (no atomic operation to rent or return it); other slots sit in a shared
    /// array taken with compare-exchange. At most <see cref="MaxSlots"/> slots exist per ticker; beyond that a lease falls
    /// back to a source with its own timer. A slot cached by a thread that has ended is reclaimed when the pool runs out.
    /// </para>
    /// </remarks>
    internal sealed class DeadlineTicker
    {
        /// <summary>The tick, in milliseconds: the granularity of every pooled timeout.</summary>
        internal const int TickMs = 1;

        /// <summary>The most slots (concurrently timed calls that pool their source) one ticker keeps.</summary>
        internal const int MaxSlots = 1024;

        /// <summary>Ticks with nothing armed after which the timer stops.</summary>
        internal const int IdleTicksBeforeStop = 100;

        private const int Ring = 16; // epochs whose upper-bound time is remembered (a lease is stamped at the first tick after it is armed)

        [ThreadStatic]
        private static DeadlineSlot? t_cached;

        private readonly TimeProvider _time;
        private readonly ITimer _timer;
        private readonly object _gate = new();
        private readonly DeadlineSlot?[] _all = new DeadlineSlot?[MaxSlots];
        private readonly DeadlineSlot?[] _free = new DeadlineSlot?[MaxSlots];
        private readonly long[] _upper = new long[Ring];
        private readonly long _frequency;
        private int _created;
        private int _freeCount;
        private int _epoch;
        private int _running;
        private int _ticking;
        private int _idleTicks;

        internal DeadlineTicker(TimeProvider time)
        {
            _time = time;
            _frequency = time.TimestampFrequency;

            // The timer must not capture the ExecutionContext of whichever call happened to create the ticker.
            bool suppress = !ExecutionContext.IsFlowSuppressed();
            AsyncFlowControl flow = suppress ? ExecutionContext.SuppressFlow() : default;
            try
            {
                _timer = time.CreateTimer(static state => ((DeadlineTicker)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            finally
            {
                if (suppress)
                {
                    flow.Undo();
                }
            }
        }

        /// <summary>The ticker on <see cref="TimeProvider.System"/> every pooled lease uses.</summary>
        internal static DeadlineTicker Shared { get; } = new(TimeProvider.System);

        /// <summary>Whether the timer is ticking (for tests).</summary>
        internal bool IsRunning => Volatile.Read(ref _running) != 0;

        /// <summary>The number of slots created so far (for tests).</summary>
        internal int SlotCount => Volatile.Read(ref _created);

        /// <summary>
        /// A slot for one call, its source linked to <paramref name="callerToken"/> and not cancelled, or
        /// <see langword="null"/> when <see cref="MaxSlots"/> slots are in use.
        /// </summary>
        internal DeadlineSlot? Rent(CancellationToken callerToken)
        {
            DeadlineSlot? slot = t_cached;
            if (slot is not null && ReferenceEquals(slot.Owner, this))
            {
                t_cached = null;
                slot.InCache = false;
            }
            else
            {
                slot = RentShared();
                if (slot is null)
                {
                    return null;
                }
            }

            slot.LinkTo(callerToken);
            return slot;
        }

        /// <summary>Starts timing <paramref name="timeoutMs"/> on <paramref name="slot"/>; returns the armed word for <see cref="Disarm"/>.</summary>
        internal long Arm(DeadlineSlot slot, int timeoutMs)
        {
            long word = ((long)(uint)Volatile.Read(ref _epoch) << 32) | ((long)timeoutMs << 1) | 1;
            Volatile.Write(ref slot.Arm, word);

            // No fence between the write above and the read below: TryStop's process-wide barrier stands in for it.
            if (Volatile.Read(ref _running) == 0)
            {
                StartTimer();
            }

            return word;
        }

        /// <summary>Stops timing and gives the slot back; renews its source when the timeout fired.</summary>
        internal void Disarm(DeadlineSlot slot, long word)
        {
            if (Interlocked.CompareExchange(ref slot.Arm, DeadlineSlot.Idle, word) != word)
            {
                // The ticker fired it: wait until the source is cancelled, then replace it.
                var wait = new SpinWait();
                while (Volatile.Read(ref slot.Arm) != DeadlineSlot.Fired)
                {
                    wait.SpinOnce();
                }

                slot.Renew();
                Volatile.Write(ref slot.Arm, DeadlineSlot.Idle);
            }

            Return(slot);
        }

        private void Return(DeadlineSlot slot)
        {
            if (t_cached is null)
            {
                Thread current = Thread.CurrentThread;
                if (!ReferenceEquals(slot.CachedBy, current))
                {
                    slot.CachedBy = current;
                }

                slot.InCache = true;
                t_cached = slot;
                return;
            }

            // A slot in the shared pool holds no caller's token alive.
            slot.Unlink();
            for (int i = 0; i < _free.Length; i++)
            {
                if (Volatile.Read(ref _free[i]) is null && Interlocked.CompareExchange(ref _free[i], slot, null) is null)
                {
                    Interlocked.Increment(ref _freeCount);
                    return;
                }
            }

            // Unreachable: the shared array has room for every slot there is. Keep the slot out of circulation rather than lose track.
        }

        private DeadlineSlot? RentShared()
        {
            if (Volatile.Read(ref _freeCount) > 0)
            {
                for (int i = 0; i < _free.Length; i++)
                {
                    DeadlineSlot? pooled = Volatile.Read(ref _free[i]);
                    if (pooled is not null && Interlocked.CompareExchange(ref _free[i], null, pooled) == pooled)
                    {
                        Interlocked.Decrement(ref _freeCount);
                        return pooled;
                    }
                }
            }

            while (true)
            {
                int created = Volatile.Read(ref _created);
                if (created >= MaxSlots)
                {
                    return ReclaimFromEndedThread();
                }

                if (Interlocked.CompareExchange(ref _created, created + 1, created) == created)
                {
                    var slot = new DeadlineSlot(this, new CancellationTokenSource());
                    Volatile.Write(ref _all[created], slot);
                    return slot;
                }
            }
        }

        // A thread that ended with a slot in its cache can never return it; take it back.
        private DeadlineSlot? ReclaimFromEndedThread()
        {
            for (int i = 0; i < _all.Length; i++)
            {
                DeadlineSlot? slot = Volatile.Read(ref _all[i]);
                Thread? holder = slot?.CachedBy;
                if (slot is not null && holder is { IsAlive: false } && slot.InCache
                    && ReferenceEquals(Interlocked.CompareExchange(ref slot.CachedBy, null, holder), holder))
                {
                    slot.InCache = false;
                    return slot;
                }
            }

            return null;
        }

        private void StartTimer()
        {
            lock (_gate)
            {
                if (_running == 0)
                {
                    Volatile.Write(ref _running, 1);
                    _timer.Change(TimeSpan.FromMilliseconds(TickMs), TimeSpan.FromMilliseconds(TickMs));
                }
            }
        }

        private void Tick()
        {
            if (Interlocked.Exchange(ref _ticking, 1) != 0)
            {
                return; // the previous tick is still scanning
            }

            try
            {
                // Publish the next epoch first, then read the clock: every arm that read the previous epoch happened before `now`.
                int epoch = Interlocked.Increment(ref _epoch);
                long now = _time.GetTimestamp();
                _upper[(epoch - 1) & (Ring - 1)] = now;

                if (Scan(epoch, now))
                {
                    _idleTicks = 0;
                }
                else if (++_idleTicks >= IdleTicksBeforeStop)
                {
                    TryStop(epoch, now);
                }
            }
            finally
            {
                Volatile.Write(ref _ticking, 0);
            }
        }

        // Stamps newly armed slots with their deadline and fires the expired ones. Returns whether any slot is armed.
        private bool Scan(int epoch, long now)
        {
            bool armed = false;
            int count = Math.Min(Volatile.Read(ref _created), MaxSlots);
            for (int i = 0; i < count; i++)
            {
                DeadlineSlot? slot = Volatile.Read(ref _all[i]);
                if (slot is null)
                {
                    continue;
                }

                long word = Volatile.Read(ref slot.Arm);
                if ((word & 1) == 0)
                {
                    if (word == DeadlineSlot.Idle)
                    {
                        slot.StampedFor = 0;
                    }

                    continue;
                }

                armed = true;
                uint age = (uint)epoch - (uint)(word >> 32);
                if (age == 0)
                {
                    continue; // armed after this tick published its epoch: its start has no upper bound yet
                }

                if (slot.StampedFor != word)
                {
                    // An epoch older than the ring (a stamp delayed by many ticks) takes the oldest bound kept: later, never earlier.
                    uint bounded = age <= Ring ? (uint)(word >> 32) : (uint)epoch - Ring;
                    int timeoutMs = (int)((word & 0xFFFF_FFFF) >> 1);
                    slot.StampedFor = word;
                    slot.Deadline = _upper[bounded & (Ring - 1)] + (timeoutMs * _frequency / 1000);
                }

                if (now >= slot.Deadline)
                {
                    Fire(slot, word);
                }
            }

            return armed;
        }

        private static void Fire(DeadlineSlot slot, long word)
        {
            if (Interlocked.CompareExchange(ref slot.Arm, DeadlineSlot.Firing, word) != word)
            {
                return; // disarmed meanwhile
            }

            try
            {
                slot.Source.Cancel();
            }
            catch (AggregateException)
            {
                // A callback the implementation registered on its token threw. The timeout still happened and the other
                // callbacks ran; the ticker must keep serving every other call.
            }
            finally
            {
                Volatile.Write(ref slot.Arm, DeadlineSlot.Fired);
            }
        }

        private void TryStop(int epoch, long now)
        {
            Volatile.Write(ref _running, 0);

            // An arm that read _running == 1 before the write above has its arm word visible to every thread after this
            // barrier; an arm after it sees 0 and starts the timer itself.
            Interlocked.MemoryBarrierProcessWide();
            if (Scan(epoch, now))
            {
                Volatile.Write(ref _running, 1);
                _idleTicks = 0;
                return;
            }

            lock (_gate)
            {
                if (_running == 0)
                {
                    _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                    _idleTicks = 0;
                }
            }
        }
    }
}
