namespace Resilience.Generators.Model
{
    /// <summary>
    /// What <c>[Retry]</c> does with results and around each retry, as call targets the body invokes directly:
    /// <paramref name="IsFailure"/> (<c>RetryOnResult</c>, or the HTTP classifier), the Retry-After readers for a result and an
    /// exception, the <c>OnRetry</c> callback (with the rendered <c>RetryAttempt</c> type it takes), and whether a discarded
    /// result is disposed (<c>HttpResponseMessage</c>).
    /// </summary>
    internal sealed record RetryOutcomeSpec(
        string? IsFailure,
        string? RetryAfterResult,
        string? RetryAfterException,
        string? OnRetry,
        string? AttemptType,
        bool DisposesResult);
}
