using System.Linq;
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
            ArgumentRule.Int("SamplingCalls", v => v >= 0, "CircuitBreaker.SamplingCalls must be 0 or more"),
            ArgumentRule.Int("SlowCallMs", v => v >= 0, "CircuitBreaker.SlowCallMs must be 0 or more"),
            ArgumentRule.Double("SlowCallRatio", v => v >= 0 && v <= 1, "CircuitBreaker.SlowCallRatio must be 0 or in (0, 1]"),
            ArgumentRule.ExceptionTypes("HandleOn"),
            ArgumentRule.ExceptionTypes("IgnoreOn"),
        };

        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "CircuitBreaker", s_rules, method, stub);
            bool ratio = Double(attribute, "FailureRatio") > 0;
            int samplingCalls = values.Int("SamplingCalls", 0);
            stub.Require(samplingCalls == 0 || (ratio && values.Int("SamplingDurationMs", 0) == 0), "CircuitBreaker.SamplingCalls needs FailureRatio and excludes SamplingDurationMs");
            stub.Require(Double(attribute, "SlowCallRatio") == 0 || (ratio && values.Int("SlowCallMs", 0) > 0), "CircuitBreaker.SlowCallRatio needs SlowCallMs and FailureRatio");
            return new PolicySpec(values.String("Name") ?? policyName, values.OptionsWithFilter("HandleOn", "IgnoreOn"));
        }

        /// <summary><c>HandleOnResult</c> (for <c>HttpResponseMessage</c>, the transient statuses by default) and <c>OnStateChange</c>.</summary>
        public static CircuitBreakerOutcomeSpec? ParseOutcome(AttributeData attribute, IMethodSymbol method, ITypeSymbol? result, Compilation compilation, StubReasons stub)
        {
            string? isFailure = OutcomeMethods.Named(attribute, "HandleOnResult") is { } predicate
                ? OutcomeMethods.Predicate(compilation, method, result, predicate, "CircuitBreaker.HandleOnResult", stub)
                : OutcomeMethods.IsHttpResponse(result) ? "global::Resilience.HttpResponseClassifier.IsTransientFailure" : null;
            string? onStateChange = OutcomeMethods.Named(attribute, "OnStateChange") is { } callback
                ? OutcomeMethods.Callback(method, compilation.GetTypeByMetadataName("Resilience.CircuitBreakerStateChangedEventArgs"), callback, "CircuitBreaker.OnStateChange", requireStatic: true, stub)
                : null;
            return isFailure is null && onStateChange is null ? null : new CircuitBreakerOutcomeSpec(isFailure, onStateChange);
        }

        private static double Double(AttributeData attribute, string property) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value is double value ? value : 0;
    }
}
