namespace Resilience
{
    /// <summary>How randomness is applied to a computed retry delay (see the AWS Architecture Blog, "Exponential Backoff And Jitter").</summary>
    public enum Jitter
    {
        /// <summary>The computed delay is used as it is.</summary>
        None = 0,

        /// <summary>A uniformly random delay in <c>[0, delay]</c>.</summary>
        Full = 1,

        /// <summary>Half the delay plus a uniformly random half: <c>[delay/2, delay]</c>.</summary>
        Equal = 2,

        /// <summary>A uniformly random delay in <c>[BaseDelayMs, previousDelay * 3]</c>, capped at <c>MaxDelayMs</c>.</summary>
        Decorrelated = 3,

        /// <summary>The delay times a uniformly random factor in <c>[0.5, 1.5]</c> (±50 %), capped at <c>MaxDelayMs</c>.</summary>
        Proportional = 4,
    }
}
