using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Idempotent]</c>: the <c>IdempotencyOptions</c> initializer, the key template, the fingerprinted arguments and the store.</summary>
    internal static class IdempotentParser
    {
        private static readonly ArgumentRule[] s_rules =
        {
            ArgumentRule.Read("Key", ReadKey),
            ArgumentRule.Int("TtlSeconds", v => v > 0, "Idempotent.TtlSeconds must be positive"),
            ArgumentRule.Int("LeaseSeconds", v => v > 0, "Idempotent.LeaseSeconds must be positive"),
            ArgumentRule.Enum("OnConcurrentDuplicate"),
        };

        public static IdempotentSpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Idempotent", s_rules, method, stub);
            List<string> keyParts = values.Value<List<string>>("Key") ?? new List<string>();

            if (method.IsGenericMethod)
            {
                stub.Add("[Idempotent] does not support generic methods (the stored result's type must be fixed)");
            }

            var fingerprint = method.Parameters.Where(p => !MethodShape.IsCancellationToken(p.Type)).Select(p => SymbolNames.EscapeIdentifier(p.Name));
            return new IdempotentSpec(
                new PolicySpec(policyName, values.Options.ToImmutableEquatableArray()),
                keyParts.ToImmutableEquatableArray(),
                fingerprint.ToImmutableEquatableArray(),
                MethodShape.Store(method));
        }

        private static void ReadKey(TypedConstant value, ArgumentValues values)
        {
            if (value.Value is string template)
            {
                values.SetValue("Key", KeyTemplate.Parse(template, values.Method, out string? error) ?? new List<string>());
                if (error is not null)
                {
                    values.Stub.Add(error);
                }
            }
        }
    }
}
