using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[CircuitBreaker]</c> into the <c>CircuitBreakerOptions</c> initializer; <c>Name</c> shares a breaker between methods.</summary>
    internal static class CircuitBreakerParser
    {
        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "CircuitBreaker", CircuitBreakerUsage.Rules, method, report, cancellationToken);
            CircuitBreakerUsage.CheckWindow(values);
            return new PolicySpec(values.String("Name") ?? policyName, values.OptionsWithFilter("HandleOn", "IgnoreOn"));
        }

        /// <summary>
        /// <c>HandleOnResult</c> (for <c>HttpResponseMessage</c>, the transient statuses by default) and <c>OnStateChange</c>;
        /// null when neither applies. Invalid names report RES0030/RES0033/RES0036 through <paramref name="report"/>.
        /// </summary>
        public static CircuitBreakerOutcomeSpec? ParseOutcome(
            AttributeData attribute, IMethodSymbol method, ITypeSymbol? result, Compilation compilation, UsageReport report, CancellationToken cancellationToken)
        {
            var values = new ArgumentValues(attribute, "CircuitBreaker", method, report, cancellationToken);
            string? isFailure = OutcomeMethods.Named(attribute, "HandleOnResult") is { } predicate
                ? OutcomeMethods.Predicate(compilation, values, result, "HandleOnResult", predicate)
                : OutcomeMethods.IsHttpResponse(result) ? "global::Resilience.HttpResponseClassifier.IsTransientFailure" : null;
            string? onStateChange = OutcomeMethods.Named(attribute, "OnStateChange") is { } callback
                ? OutcomeMethods.OnStateChange(values, compilation.GetTypeByMetadataName("Resilience.CircuitBreakerStateChangedEventArgs"), callback)
                : null;
            return isFailure is null && onStateChange is null ? null : new CircuitBreakerOutcomeSpec(isFailure, onStateChange);
        }
    }
}
