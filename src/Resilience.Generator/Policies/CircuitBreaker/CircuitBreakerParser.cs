using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[CircuitBreaker]</c> into the <c>CircuitBreakerOptions</c> initializer; <c>Name</c> shares a breaker between methods.</summary>
    internal static class CircuitBreakerParser
    {
        private static readonly ArgumentRule[] s_rules =
        {
            ArgumentRule.String("Name"),
            ArgumentRule.Int("FailureThreshold", v => v >= 1, "CircuitBreaker.FailureThreshold must be 1 or more"),
            ArgumentRule.Int("MinimumThroughput", v => v >= 1, "CircuitBreaker.MinimumThroughput must be 1 or more"),
            ArgumentRule.Int("HalfOpenSuccesses", v => v >= 1, "CircuitBreaker.HalfOpenSuccesses must be 1 or more"),
            ArgumentRule.Int("SamplingDurationMs", v => v >= 0, "CircuitBreaker.SamplingDurationMs must be 0 or more"),
            ArgumentRule.Int("BreakDurationMs", v => v > 0, "CircuitBreaker.BreakDurationMs must be positive"),
            ArgumentRule.Double("FailureRatio", v => v >= 0 && v <= 1, "CircuitBreaker.FailureRatio must be 0 (off) or in (0, 1]"),
            ArgumentRule.ExceptionTypes("HandleOn"),
            ArgumentRule.ExceptionTypes("IgnoreOn"),
        };

        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "CircuitBreaker", s_rules, method, stub);
            return new PolicySpec(values.String("Name") ?? policyName, values.OptionsWithFilter("HandleOn", "IgnoreOn"));
        }
    }
}
