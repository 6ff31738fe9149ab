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
            return new PolicySpec(values.String("Name") ?? policyName, values.OptionsWithFilter("HandleOn", "IgnoreOn"));
        }
    }
}
