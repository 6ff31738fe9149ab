using System;
using System.ComponentModel;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Admission of one call by <see cref="CircuitBreaker.Enter"/>. Report how the call ended with exactly one of
    /// <see cref="OnSuccess"/>, <see cref="OnFailure"/> or <see cref="OnResultFailure"/>. The default value (returned while breakers are switched off) records nothing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct CircuitBreakerPermit
    {
        private readonly BreakerPeriod? _period;

        // TimeProvider timestamp of admission when the breaker times calls (SlowCallMs > 0); 0 otherwise.
        private readonly long _startTimestamp;

        internal CircuitBreakerPermit(BreakerPeriod period)
        {
            _period = period;
            _startTimestamp = period.SlowCallMs > 0 ? ResilienceRuntime.TimeProvider.GetTimestamp() : 0;
        }

        /// <summary>Whether the call is a half-open trial.</summary>
        public bool IsTrial => _period is { State: CircuitBreakerState.HalfOpen };

        /// <summary>
        /// Records a success: resets the consecutive count, or counts towards closing a half-open breaker. A call slower than
        /// <c>SlowCallMs</c> is recorded as slow instead (a failure, unless <c>SlowCallRatio</c> counts slow calls apart).
        /// </summary>
        public void OnSuccess()
        {
            BreakerPeriod? period = _period;
            if (period is not null)
            {
                period.Breaker.OnSuccess(period, IsSlow(period));
            }
        }

        /// <summary>
        /// Records that the call returned a result handled as a failure (<c>HandleOnResult</c>, or a transient
        /// <c>HttpResponseMessage</c>): it counts as a failure like a handled exception.
        /// </summary>
        public void OnResultFailure()
        {
            BreakerPeriod? period = _period;
            if (period is not null)
            {
                period.Breaker.OnResultFailure(period, IsSlow(period));
            }
        }

        private bool IsSlow(BreakerPeriod period) =>
            _startTimestamp != 0 && ResilienceRuntime.TimeProvider.GetElapsedTime(_startTimestamp).TotalMilliseconds >= period.SlowCallMs;

        /// <summary>
        /// Records that the call threw <paramref name="exception"/>. The caller's own cancellation and exceptions outside
        /// <c>HandleOn</c>/<c>IgnoreOn</c> are not failures (they are counted as ignored), but still free a half-open trial slot.
        /// </summary>
        /// <param name="exception">What the call threw.</param>
        /// <param name="callerToken">The caller's token, to recognise the caller's cancellation.</param>
        public void OnFailure(Exception exception, CancellationToken callerToken)
        {
            BreakerPeriod? period = _period;
            if (period is not null)
            {
                period.Breaker.OnFailure(period, exception, callerToken, IsSlow(period));
            }
        }
    }
}
