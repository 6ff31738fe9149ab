using System;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// A closed period: counts outcomes the way its options' <see cref="CircuitBreakerMode"/> says. Consecutive, time-window and
    /// time-ratio counting take no lock; the count-based window takes a short one.
    /// </summary>
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

        // Ratio modes: a time window or a call-count window.
        private readonly FailureRatioWindow? _ratioWindow;
        private readonly CallCountWindow? _callWindow;
        private readonly double _failureRatio;
        private readonly int _minimumThroughput;

        // Slow calls: with a SlowCallRatio they are counted apart in the ratio window; without one they count as failures.
        private readonly double _slowCallRatio;

        public ClosedPeriod(CircuitBreaker breaker, CircuitBreakerOptions options)
            : base(breaker, CircuitBreakerState.Closed, options.SlowCallMs)
        {
            _mode = options.Mode;
            _threshold = options.FailureThreshold;
            _windowTicks = options.SamplingDuration.Ticks;
            _slowCallRatio = options.SlowCallRatio;
            switch (_mode)
            {
                case CircuitBreakerMode.FailuresInWindow:
                    _failureTimes = new long[_threshold];
                    break;
                case CircuitBreakerMode.FailureRatio:
                    _ratioWindow = new FailureRatioWindow(_windowTicks);
                    _failureRatio = options.FailureRatio;
                    _minimumThroughput = options.EffectiveMinimumThroughput;
                    break;
                case CircuitBreakerMode.FailureRatioInCalls:
                    _callWindow = new CallCountWindow(options.SamplingCalls);
                    _failureRatio = options.FailureRatio;
                    _minimumThroughput = options.EffectiveMinimumThroughput;
                    break;
            }
        }

        public CircuitBreakerMode Mode => _mode;

        /// <summary>Whether a slow call counts as a failure (no <c>SlowCallRatio</c> of its own).</summary>
        public bool SlowCallIsFailure => _slowCallRatio == 0;

        /// <summary>Records a success; returns whether the breaker should open (only a slow call in a ratio mode can), and why.</summary>
        public bool RecordSuccess(bool slow, out CircuitBreakerTransitionReason reason)
        {
            switch (_mode)
            {
                case CircuitBreakerMode.ConsecutiveFailures:
                    reason = CircuitBreakerTransitionReason.ConsecutiveFailures;

                    // Read first: writing only when needed keeps the cache line shared between cores while all goes well.
                    if (Volatile.Read(ref _consecutiveFailures) != 0)
                    {
                        Volatile.Write(ref _consecutiveFailures, 0);
                    }

                    return false;
                case CircuitBreakerMode.FailureRatio:
                case CircuitBreakerMode.FailureRatioInCalls:
                    return RecordInRatioWindow(failure: false, slow, out reason);
                default:
                    reason = CircuitBreakerTransitionReason.FailuresInWindow;
                    return false;
            }
        }

        /// <summary>Records a failure; returns whether the breaker should open, and why.</summary>
        public bool RecordFailure(bool slow, out CircuitBreakerTransitionReason reason)
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
                    return RecordInRatioWindow(failure: true, slow, out reason);
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
                    if (_callWindow is { } calls)
                    {
                        return calls.Failures;
                    }

                    _ratioWindow!.Sum(nowTicks, out _, out long failures);
                    return failures;
            }
        }

        private bool RecordInRatioWindow(bool failure, bool slow, out CircuitBreakerTransitionReason reason)
        {
            reason = CircuitBreakerTransitionReason.FailureRatio;
            long total;
            long failures;
            long slowCalls;
            if (_callWindow is { } calls)
            {
                calls.Record(failure, slow, out int t, out int f, out int s);
                (total, failures, slowCalls) = (t, f, s);
            }
            else
            {
                long now = ResilienceRuntime.TimeProvider.GetUtcNow().UtcTicks;
                FailureRatioWindow window = _ratioWindow!;
                window.Record(now, failure, slow);
                if (!failure && !slow)
                {
                    // A plain success never opens the breaker: skip summing the buckets.
                    return false;
                }

                window.Sum(now, out total, out failures, out slowCalls);
            }

            if (total < _minimumThroughput)
            {
                return false;
            }

            if (failure && failures >= _failureRatio * total)
            {
                return true;
            }

            if (slow && _slowCallRatio > 0 && slowCalls >= _slowCallRatio * total)
            {
                reason = CircuitBreakerTransitionReason.SlowCalls;
                return true;
            }

            return false;
        }
    }
}
