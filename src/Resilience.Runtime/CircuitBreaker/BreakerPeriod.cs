namespace Resilience
{
    /// <summary>
    /// One stretch of a breaker's life in one state. A transition swaps in a new period object, so counters never need resetting
    /// and a late outcome of a call admitted in an earlier period lands in that period's object, where it changes nothing.
    /// A <see cref="CircuitBreakerPermit"/> remembers the period that admitted its call.
    /// </summary>
    internal abstract class BreakerPeriod
    {
        protected BreakerPeriod(CircuitBreaker breaker, CircuitBreakerState state, int slowCallMs = 0)
        {
            Breaker = breaker;
            State = state;
            SlowCallMs = slowCallMs;
        }

        public CircuitBreaker Breaker { get; }

        public CircuitBreakerState State { get; }

        /// <summary>The options' <c>SlowCallMs</c> when the period began (0 = calls are not timed).</summary>
        public int SlowCallMs { get; }
    }

    /// <summary>An open or isolated period: rejects until <see cref="UntilTicks"/> (UTC ticks; <see cref="long.MaxValue"/> when isolated).</summary>
    internal sealed class OpenPeriod : BreakerPeriod
    {
        public OpenPeriod(CircuitBreaker breaker, CircuitBreakerState state, long untilTicks)
            : base(breaker, state)
        {
            UntilTicks = untilTicks;
        }

        public long UntilTicks { get; }
    }
}
