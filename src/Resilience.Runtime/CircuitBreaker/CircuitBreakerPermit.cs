using System;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Admission of one call by <see cref="CircuitBreaker.Enter"/>. Report how the call ended with exactly one of
    /// <see cref="OnSuccess"/> or <see cref="OnFailure"/>. The default value (returned while breakers are switched off) records nothing.
    /// </summary>
    public readonly struct CircuitBreakerPermit
    {
        private readonly BreakerPeriod? _period;

        internal CircuitBreakerPermit(BreakerPeriod period)
        {
            _period = period;
        }

        /// <summary>Whether the call is a half-open trial.</summary>
        public bool IsTrial => _period is { State: CircuitBreakerState.HalfOpen };

        /// <summary>Records a success: resets the consecutive count, or counts towards closing a half-open breaker.</summary>
        public void OnSuccess()
        {
            BreakerPeriod? period = _period;
            if (period is not null)
            {
                period.Breaker.OnSuccess(period);
            }
        }

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
                period.Breaker.OnFailure(period, exception, callerToken);
            }
        }
    }
}
