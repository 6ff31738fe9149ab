using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Bulkhead]</c> into the <c>BulkheadOptions</c> initializer; <c>Name</c> shares a bulkhead between methods.</summary>
    internal static class BulkheadParser
    {
        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Bulkhead", BulkheadUsage.Rules, method, report, cancellationToken);
            return new PolicySpec(values.String("Name") ?? policyName, values.Options.ToImmutableEquatableArray());
        }
    }
}
