using System.Threading;

namespace Resilience
{
    /// <summary>A half-open period: counts trial successes. Trial slots are counted on the breaker, across periods.</summary>
    internal sealed class HalfOpenPeriod : BreakerPeriod
    {
        private int _successes;

        public HalfOpenPeriod(CircuitBreaker breaker, int requiredSuccesses, int slowCallMs = 0)
            : base(breaker, CircuitBreakerState.HalfOpen, slowCallMs)
        {
            RequiredSuccesses = requiredSuccesses;
        }

        public int RequiredSuccesses { get; }

        /// <summary>Records a trial success; returns whether enough trials succeeded to close.</summary>
        public bool RecordSuccess() => Interlocked.Increment(ref _successes) >= RequiredSuccesses;
    }
}
