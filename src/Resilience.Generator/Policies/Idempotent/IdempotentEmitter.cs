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
                e.Writer.Line($"string {key} = {KeyTemplate.Expression(idempotent.KeyParts)};");
            }

            ClaimedCallEmitter.Emit(e, "Idempotency", $"{idempotent.Store}, {key}, {fingerprintText}", "claim", stateMember: null, stateType: null);
        }
    }
}
