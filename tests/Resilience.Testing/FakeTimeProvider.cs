namespace Resilience.Testing;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test says so, so that no test sleeps.
/// With <see cref="AutoAdvance"/> set, every timer created moves the clock to its due time at once (and the wait
/// it represents ends immediately); <see cref="RequestedDelays"/> records each such wait.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly object _gate = new();
    private readonly List<FakeTimer> _timers = new();
    private readonly List<TimeSpan> _requestedDelays = new();
    private DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>When set, a timer's due time is reached as soon as the timer is started.</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>The due times of the timers started so far, in order (retry delays, timeouts…).</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get { lock (_gate) { return _requestedDelays.ToArray(); } }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) { return _now; }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward and fires the timers that come due, in due-time order.</summary>
    public void Advance(TimeSpan delta)
    {
        if (delta < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delta));
        DateTimeOffset target;
        lock (_gate) { target = _now + delta; }
        FireUntil(target);
    }

    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_gate)
        {
            if (value < _now) throw new ArgumentOutOfRangeException(nameof(value), "Time does not go backwards.");
        }
        FireUntil(value);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void FireUntil(DateTimeOffset target)
    {
        while (true)
        {
            FakeTimer? next = null;
            lock (_gate)
            {
                foreach (FakeTimer t in _timers)
                {
                    if (t.DueAt is { } due && due <= target && (next is null || due < next.DueAt))
                    {
                        next = t;
                    }
                }

                if (next is null)
                {
                    _now = target;
                    return;
                }

                _now = next.DueAt!.Value > _now ? next.DueAt.Value : _now;
                next.Rearm();
            }

            next.Fire();
        }
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime)
    {
        bool fireNow = false;
        lock (_gate)
        {
            if (!_timers.Contains(timer)) _timers.Add(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }

            _requestedDelays.Add(dueTime);
            timer.DueAt = _now + dueTime;
            if (AutoAdvance || dueTime == TimeSpan.Zero)
            {
                if (AutoAdvance) _now = timer.DueAt.Value;
                timer.Rearm();
                fireNow = true;
            }
        }

        if (fireNow) timer.Fire();
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate) { _timers.Remove(timer); }
    }

    private sealed class FakeTimer : ITimer
    {
        private readonly FakeTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private bool _disposed;

        public FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset? DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            _period = period;
            _owner.Schedule(this, dueTime);
            return true;
        }

        // Called under the owner's lock before Fire: sets the next due time of a periodic timer.
        public void Rearm()
        {
            DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;
        }

        public void Fire()
        {
            if (!_disposed) _callback(_state);
        }

        public void Dispose()
        {
            _disposed = true;
            _owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
