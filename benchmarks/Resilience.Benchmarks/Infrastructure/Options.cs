namespace Resilience.Benchmarks.Infrastructure;

/// <summary>
/// The option values shared by the attributes, the hand-written code and the Polly pipelines, so the variants of a
/// scenario are configured alike.
/// </summary>
internal static class Options
{
    /// <summary>Retries after the first attempt (<c>MaxRetries</c>; Polly <c>MaxRetryAttempts</c>).</summary>
    public const int MaxRetries = 3;

    /// <summary>Base delay of the success-path retry scenarios (never waited for on the success path).</summary>
    public const int BaseDelayMs = 10;

    /// <summary>The <c>[Timeout]</c> of every timeout scenario: long enough never to fire.</summary>
    public const int TimeoutMs = 5_000;

    /// <summary>The consecutive failures that open a breaker.</summary>
    public const int FailureThreshold = 5;

    /// <summary>How long an open breaker stays open: longer than any benchmark process lives.</summary>
    public const int BreakDurationMs = 3_600_000;

    /// <summary>Calls let through a bulkhead at once.</summary>
    public const int MaxConcurrency = 10;
}
