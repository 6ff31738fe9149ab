using System.Linq;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary><c>[Idempotent]</c>: the key (from the template, or the argument fingerprint by default) and the claimed call.</summary>
    internal static class IdempotentEmitter
    {
        public static void EmitBody(MethodEmitter e, IdempotentSpec idempotent)
        {
            string fingerprint = ClaimedCallEmitter.EmitFingerprint(e, idempotent.FingerprintArguments);
            string key = e.Local("key");
            string fingerprintText = $"{fingerprint}.ToHexString()";
            if (idempotent.KeyParts.Count == 0)
            {
                e.Writer.Line($"string {key} = {fingerprintText};");
                fingerprintText = key;
            }
            else
            {
                e.Writer.Line($"string {key} = {KeyExpression(idempotent.KeyParts)};");
            }

            ClaimedCallEmitter.Emit(e, "Idempotency", $"{idempotent.Store}, {key}, {fingerprintText}", "claim", stateMember: null, stateType: null);
        }

        /// <summary>
        /// One part as is (with <c>?? string.Empty</c> only when it may be null: on a non-nullable parameter it would tell
        /// the compiler the parameter may be null, CS8604 on the next use), several through <c>string.Concat</c>.
        /// </summary>
        private static string KeyExpression(ImmutableEquatableArray<KeyPart> parts)
        {
            if (parts.Count == 1)
            {
                return parts[0].MayBeNull ? parts[0].Expression + " ?? string.Empty" : parts[0].Expression;
            }

            string joined = string.Join(", ", parts.Select(p => p.Expression));
            return parts.Count <= 4
                ? $"string.Concat({joined})"
                : $"string.Concat(new string?[] {{ {joined} }})";
        }
    }
}
