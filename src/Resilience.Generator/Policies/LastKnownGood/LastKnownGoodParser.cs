using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[LastKnownGood]</c>: the <c>LastKnownGoodOptions</c> initializer, its order in the fallback chain, the key and the store.</summary>
    internal static class LastKnownGoodParser
    {
        /// <summary>The spec, or <see langword="null"/> when the method has no result to store (RES0050, reported here).</summary>
        public static LastKnownGoodSpec? Parse(AttributeData attribute, IMethodSymbol method, ITypeSymbol? result, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "LastKnownGood", LastKnownGoodUsage.Rules, method, report, cancellationToken);
            if (!LastKnownGoodUsage.CheckResult(values, result, cancellationToken))
            {
                return null;
            }

            List<KeyPart> keyParts = values.Value<List<KeyPart>>("Key") ?? new List<KeyPart>();
            IEnumerable<string> fingerprint = keyParts.Count > 0
                ? Enumerable.Empty<string>()
                : method.Parameters.Where(p => !MethodShape.IsCancellationToken(p.Type)).Select(p => SymbolNames.EscapeIdentifier(p.Name));
            return new LastKnownGoodSpec(
                new PolicySpec(policyName, values.Options.ToImmutableEquatableArray()),
                values.Int("Order", 0),
                keyParts.ToImmutableEquatableArray(),
                fingerprint.ToImmutableEquatableArray(),
                MethodShape.Store(method));
        }
    }
}
