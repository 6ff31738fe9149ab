using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Idempotent]</c>: the <c>IdempotencyOptions</c> initializer, the key template, the fingerprinted arguments and the store.</summary>
    internal static class IdempotentParser
    {
        public static IdempotentSpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Idempotent", IdempotentUsage.Rules, method, report, cancellationToken);
            IdempotentUsage.CheckNotGeneric(values);
            IdempotentUsage.CheckStoredResult(values, cancellationToken);
            List<KeyPart> keyParts = values.Value<List<KeyPart>>("Key") ?? new List<KeyPart>();
            var fingerprint = method.Parameters.Where(p => !MethodShape.IsCancellationToken(p.Type)).Select(p => SymbolNames.EscapeIdentifier(p.Name));
            return new IdempotentSpec(
                new PolicySpec(policyName, values.Options.ToImmutableEquatableArray()),
                keyParts.ToImmutableEquatableArray(),
                fingerprint.ToImmutableEquatableArray(),
                MethodShape.Store(method));
        }
    }
}
