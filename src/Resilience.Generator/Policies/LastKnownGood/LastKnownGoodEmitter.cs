using System.Linq;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// <c>[LastKnownGood]</c>: its policy field (with the degradation level of its place in the fallback chain), the key
    /// computed once before the call, the write-behind <c>Record</c> after the primary's success, and the look-up that
    /// answers in the catch of the step before it. <see cref="FallbackEmitter"/> places it in the chain.
    /// </summary>
    internal static class LastKnownGoodEmitter
    {
        public static string Field(MethodEmitter e) => e.Field("LastKnownGood");

        public static void EmitField(MethodEmitter e, LastKnownGoodSpec lastKnownGood, int position)
        {
            string level = position switch
            {
                0 => "Slight",
                1 => "Moderate",
                _ => "Minimal",
            };
            e.EmitField(
                "LastKnownGoodPolicy",
                Field(e),
                Literals.String(lastKnownGood.Policy.Name),
                MethodEmitter.Options("LastKnownGoodOptions", lastKnownGood.Policy),
                "global::Resilience.DegradationLevel." + level);
        }

        /// <summary>Declares the key local before the chain: the template, the arguments' fingerprint, or one key for a method without arguments.</summary>
        public static string EmitKey(MethodEmitter e, LastKnownGoodSpec lastKnownGood)
        {
            string key = e.Local("lastKnownGoodKey");
            if (lastKnownGood.KeyParts.Count > 0)
            {
                e.Writer.Line($"string {key} = {KeyTemplate.Expression(lastKnownGood.KeyParts)};");
            }
            else if (lastKnownGood.FingerprintArguments.Count == 0)
            {
                e.Writer.Line($"string {key} = string.Empty;");
            }
            else
            {
                string fingerprint = ClaimedCallEmitter.EmitFingerprint(e, lastKnownGood.FingerprintArguments);
                e.Writer.Line($"string {key} = {fingerprint}.ToHexString();");
            }

            return key;
        }

        /// <summary>The success path: an enqueue, nothing more.</summary>
        public static void EmitRecord(MethodEmitter e, LastKnownGoodSpec lastKnownGood, string key, string result) =>
            e.Writer.Line($"{Field(e)}.Record({lastKnownGood.Store}, {key}, {result});");

        /// <summary>Inside a catch of <paramref name="exception"/>: returns the stored value when one is young enough.</summary>
        public static void EmitServe(MethodEmitter e, LastKnownGoodSpec lastKnownGood, string key, string exception)
        {
            MethodSpec spec = e.Spec;
            string stale = e.Local("stale");
            if (spec.IsAsync)
            {
                e.Writer.Line(
                    $"global::Resilience.LastKnownGoodValue<{spec.ResultType}> {stale} = await {Field(e)}.TryGetAsync<{spec.ResultType}>({lastKnownGood.Store}, {key}, {exception}, {e.CallerToken}).ConfigureAwait(false);");
                e.Writer.Open($"if ({stale}.HasValue)");
                e.Writer.Line($"return {stale}.Value;");
            }
            else
            {
                e.Writer.Open($"if ({Field(e)}.TryGet<{spec.ResultType}>({lastKnownGood.Store}, {key}, {exception}, {e.CallerToken}, out {spec.ResultType} {stale}))");
                e.Writer.Line($"return {stale};");
            }

            e.Writer.Close();
            e.Writer.Line();
        }

        /// <summary>Where <c>[LastKnownGood]</c> sits among the ordered <c>[Fallback]</c>s: before the first whose order is not lower.</summary>
        public static int Position(MethodSpec spec) =>
            spec.LastKnownGood is { } lastKnownGood
                ? spec.Fallbacks.TakeWhile(f => f.Order < lastKnownGood.Order).Count()
                : -1;
    }
}
