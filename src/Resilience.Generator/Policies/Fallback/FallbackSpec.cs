namespace Resilience.Generators.Model
{
    /// <summary>One link of the fallback chain.</summary>
    internal sealed record FallbackSpec(string Method, bool PassesException, bool IsAwaited, bool ReturnsNothing, string? Exceptions);
}
