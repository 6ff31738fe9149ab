using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Retry]</c> into the <c>RetryOptions</c> initializer of the method's <c>RetryPolicy</c>.</summary>
    internal static class RetryParser
    {
        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Retry", RetryUsage.Rules, method, report, cancellationToken);
            RetryUsage.CheckDelays(values);
            return new PolicySpec(policyName, values.OptionsWithFilter("RetryOn", "AbortOn"));
        }
    }
}
