using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Bulkhead]</c> into the <c>BulkheadOptions</c> initializer; <c>Name</c> shares a bulkhead between methods.</summary>
    internal static class BulkheadParser
    {
        private static readonly ArgumentRule[] s_rules =
        {
            ArgumentRule.String("Name"),
            ArgumentRule.Int("MaxConcurrency", v => v >= 1, "Bulkhead.MaxConcurrency must be 1 or more"),
            ArgumentRule.Int("MaxQueue", v => v >= 0, "Bulkhead.MaxQueue must be 0 or more"),
        };

        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Bulkhead", s_rules, method, stub);
            return new PolicySpec(values.String("Name") ?? policyName, values.Options.ToImmutableEquatableArray());
        }
    }
}
