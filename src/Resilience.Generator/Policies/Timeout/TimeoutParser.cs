using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Timeout(ms)]</c> into the <c>TimeoutOptions</c> initializer.</summary>
    internal static class TimeoutParser
    {
        public static PolicySpec Parse(AttributeData attribute, string policyName, StubReasons stub)
        {
            int ms = AttributeArguments.Constructor(attribute, 0, count: 1) is int value ? value : 0;
            stub.Require(ms > 0, "Timeout must be positive");
            return new PolicySpec(policyName, new[] { new OptionSpec("Ms", Literals.Int(ms)) }.ToImmutableEquatableArray());
        }
    }
}
