namespace Resilience.Generators
{
    /// <summary>The usage rules of <c>[CircuitBreaker]</c>: its ranges (RES0007) and exception lists (RES0008).</summary>
    internal static class CircuitBreakerUsage
    {
        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.String("Name"),
            ArgumentRule.Int("FailureThreshold", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("SamplingDurationMs", v => v >= 0, "it must be 0 (consecutive failures) or more"),
            ArgumentRule.Double("FailureRatio", v => v >= 0 && v <= 1, "it must be 0 (off) or a ratio in (0, 1]"),
            ArgumentRule.Int("MinimumThroughput", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("BreakDurationMs", v => v >= 1, "it must be 1 or more (a breaker that never stays open protects nothing)"),
            ArgumentRule.Int("HalfOpenSuccesses", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.ExceptionTypes("HandleOn"),
            ArgumentRule.ExceptionTypes("IgnoreOn"),
        };
    }
}
