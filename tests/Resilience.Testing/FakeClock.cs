using Microsoft.Extensions.Time.Testing;

namespace Resilience.Testing;

/// <summary>
/// The ecosystem's <see cref="FakeTimeProvider"/> (Microsoft.Extensions.TimeProvider.Testing) plus the two things these
/// tests ask of a clock that it does not do: <see cref="RequestedDelays"/> records the due time of every timer started
/// (retry delays, timeouts…), and with <see cref="AutoAdvance"/> set every timer started moves the clock to its due time
/// at once, so a retry's wait ends immediately and the test still sees how long it was.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _requestedDelays = new();

    public FakeClock(DateTimeOffset? start = null)
        : base(start ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>When set, a timer's due time is reached as soon as the timer is started.</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>The due times of the timers started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get { lock (_gate) { return _requestedDelays.ToArray(); } }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordingTimer(this, base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    private void OnScheduled(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        lock (_gate) { _requestedDelays.Add(dueTime); }
        if (AutoAdvance && dueTime > TimeSpan.Zero)
        {
            Advance(dueTime);
        }
    }

    /// <summary>The fake provider's timer, reporting each (re)start to the clock.</summary>
    private sealed class RecordingTimer : ITimer
    {
        private readonly FakeClock _clock;
        private readonly ITimer _inner;

        public RecordingTimer(FakeClock clock, ITimer inner)
        {
            _clock = clock;
            _inner = inner;
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (!_inner.Change(dueTime, period))
            {
                return false;
            }

            _clock.OnScheduled(dueTime);
            return true;
        }

        public void Dispose() => _inner.Dispose();

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
