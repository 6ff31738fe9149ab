namespace Resilience.Generators.Model
{
    /// <summary>
    /// One link of the fallback chain; <paramref name="HandleOnResult"/> is the predicate that hands it a result of the step before;
    /// <paramref name="HandlesRejection"/> whether its <c>HandleOn</c>/<c>SkipOn</c> accept a <c>CircuitBreakerOpenException</c>.
    /// </summary>
    internal sealed record FallbackSpec(string Method, bool PassesException, bool IsAwaited, bool ReturnsNothing, string? Exceptions, string? HandleOnResult = null, bool HandlesRejection = false, int Order = 0);
}
