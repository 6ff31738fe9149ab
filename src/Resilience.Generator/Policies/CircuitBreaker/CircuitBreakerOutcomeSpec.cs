namespace Resilience.Generators.Model
{
    /// <summary>What <c>[CircuitBreaker]</c> counts as a failed result (<c>HandleOnResult</c>, or the HTTP classifier) and its <c>OnStateChange</c> callback.</summary>
    internal sealed record CircuitBreakerOutcomeSpec(string? IsFailure, string? OnStateChange);
}
