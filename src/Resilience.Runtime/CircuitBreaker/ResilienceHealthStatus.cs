namespace Resilience
{
    /// <summary>The health of a breaker or of all breakers, in the terms health endpoints use.</summary>
    public enum ResilienceHealthStatus
    {
        /// <summary>Closed (for a report: every breaker closed, or no breaker at all).</summary>
        Healthy = 0,

        /// <summary>Open or half-open: a dependency is failing and calls to it are cut short, but the breaker will try again by itself.</summary>
        Degraded = 1,

        /// <summary>Isolated by an operator: calls are rejected until someone resets the breaker.</summary>
        Unhealthy = 2,
    }
}
