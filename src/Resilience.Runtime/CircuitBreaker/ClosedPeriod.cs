using System;
using System.Threading;

namespace Resilience
{
    /// <summary>A closed period: counts outcomes the way its options' <see cref="CircuitBreakerMode"/> says, without locks.</summary>
    internal sealed class ClosedPeriod : BreakerPeriod
    {
        private readonly CircuitBreakerMode _mode;
        private readonly int _threshold;
        private readonly long _windowTicks;

        // Consecutive mode.
        private int _consecutiveFailures;

        // Window mode: the times of the last FailureThreshold failures, written round-robin.
        private readonly long[]? _failureTimes;
        private long _failureSequence;

        // Ratio mode.
        private readonly FailureRatioWindow? _ratioWindow;
        private readonly double _failureRatio;
        private readonly int _minimumThroughput;

        public ClosedPeriod(CircuitBreaker breaker, CircuitBreakerOptions options)
            : base(breaker, CircuitBreakerState.Closed)
        {
            _mode = options.Mode;
            _threshold = options.FailureThreshold;
            _windowTicks = options.SamplingDuration.Ticks;
            switch (_mode)
            {
                case CircuitBreakerMode.FailuresInWindow:
                    _failureTimes = new long[_threshold];
                    break;
                case CircuitBreakerMode.FailureRatio:
                    _ratioWindow = new FailureRatioWindow(_windowTicks);
                    _failureRatio = options.FailureRatio;
                    _minimumThroughput = options.MinimumThroughput;
                    break;
            }
        }

        public CircuitBreakerMode Mode => _mode;

        public void RecordSuccess()
        {
            switch (_mode)
            {
                case CircuitBreakerMode.ConsecutiveFailures:
                    // Read first: writing only when needed keeps the cache line shared between cores while all goes well.
                    if (Volatile.Read(ref _consecutiveFailures) != 0)
                    {
                        Volatile.Write(ref _consecutiveFailures, 0);
                    }

                    break;
                case CircuitBreakerMode.FailureRatio:
                    _ratioWindow!.Record(ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks, failure: false);
                    break;
            }
        }

        /// <summary>Records a failure; returns whether the breaker should open, and why.</summary>
        public bool RecordFailure(out CircuitBreakerTransitionReason reason)
        {
            switch (_mode)
            {
                case CircuitBreakerMode.ConsecutiveFailures:
                    reason = CircuitBreakerTransitionReason.ConsecutiveFailures;
                    return Interlocked.Increment(ref _consecutiveFailures) >= _threshold;

                case CircuitBreakerMode.FailuresInWindow:
                {
                    reason = CircuitBreakerTransitionReason.FailuresInWindow;
                    long now = ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks;
                    long sequence = Interlocked.Increment(ref _failureSequence) - 1;
                    long[] times = _failureTimes!;
                    Volatile.Write(ref times[sequence % times.Length], now);
                    if (sequence < times.Length - 1)
                    {
                        return false;
                    }

                    // The next slot holds the failure FailureThreshold - 1 failures back: the oldest of the last FailureThreshold.
                    long oldest = Volatile.Read(ref times[(sequence + 1) % times.Length]);
                    return now - oldest < _windowTicks;
                }

                default:
                {
                    reason = CircuitBreakerTransitionReason.FailureRatio;
                    long now = ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks;
                    FailureRatioWindow window = _ratioWindow!;
                    window.Record(now, failure: true);
                    window.Sum(now, out long total, out long failures);
                    return total >= _minimumThroughput && failures >= _failureRatio * total;
                }
            }
        }

        /// <summary>The failures that count now (for statistics): consecutive, inside the window, or in the ratio window.</summary>
        public long CountFailures(long nowTicks)
        {
            switch (_mode)
            {
                case CircuitBreakerMode.ConsecutiveFailures:
                    return Volatile.Read(ref _consecutiveFailures);

                case CircuitBreakerMode.FailuresInWindow:
                {
                    long count = 0;
                    long recorded = Math.Min(Volatile.Read(ref _failureSequence), _failureTimes!.Length);
                    for (int i = 0; i < recorded; i++)
                    {
                        if (nowTicks - Volatile.Read(ref _failureTimes[i]) < _windowTicks)
                        {
                            count++;
                        }
                    }

                    return count;
                }

                default:
                    _ratioWindow!.Sum(nowTicks, out _, out long failures);
                    return failures;
            }
        }
    }
}
