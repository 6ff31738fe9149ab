namespace Resilience
{
    /// <summary>
    /// How far an answer is from the full one: the seed documents' degradation levels. A degraded answer's level is its
    /// position in the method's fallback chain (<c>[LastKnownGood]</c> and <see cref="FallbackAttribute"/> by
    /// <c>Order</c>): the first member answers at <see cref="Slight"/>, the second at <see cref="Moderate"/>, every later one at
    /// <see cref="Minimal"/>.
    /// </summary>
    public enum DegradationLevel
    {
        /// <summary>Level 0: the primary answered.</summary>
        Full = 0,

        /// <summary>Level 1: slightly degraded, e.g. a cached, slightly stale value (the default place of <c>[LastKnownGood]</c>).</summary>
        Slight = 1,

        /// <summary>Level 2: moderately degraded, e.g. static defaults or a read-only path.</summary>
        Moderate = 2,

        /// <summary>Level 3: critical features only, e.g. an emergency data source.</summary>
        Minimal = 3,

        /// <summary>Level 4: no answer at all; the failure propagates.</summary>
        Failed = 4,
    }
}
