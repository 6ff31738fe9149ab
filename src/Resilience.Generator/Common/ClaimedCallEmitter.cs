using System.Collections.Generic;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// The durable claim shared by <c>[Idempotent]</c> and <c>[Checkpoint]</c>: fingerprint the arguments, begin (claim, or
    /// find the saved outcome) → replay it, restoring the state snapshot → or run the policies below, releasing on failure and
    /// completing (with the state snapshot) on success.
    /// </summary>
    internal static class ClaimedCallEmitter
    {
        public static string EmitFingerprint(MethodEmitter e, ImmutableEquatableArray<string> arguments)
        {
            string fingerprint = e.Local("fingerprint");
            e.Writer.Line($"var {fingerprint} = new global::Resilience.ArgumentFingerprint();");
            foreach (string argument in arguments)
            {
                e.Writer.Line($"{fingerprint}.Add({argument});");
            }

            return fingerprint;
        }

        public static void Emit(MethodEmitter e, string kind, string beginArguments, string claimName, string? stateMember, string? stateType)
        {
            MethodSpec spec = e.Spec;
            string claim = e.Local(claimName);
            string result = e.Local("result");
            string await = e.Await;
            string configure = e.ConfigureAwait;

            string begin = spec.IsAsync ? "BeginAsync" : "Begin";
            string typeArgument = spec.HasResult ? $"<{spec.ResultType}>" : string.Empty;
            e.Writer.Line($"var {claim} = {await}{e.Field(kind)}.{begin}{typeArgument}({beginArguments}, {e.CallerToken}){configure};");
            e.Writer.Open($"if ({claim}.IsReplay)");
            if (stateMember is not null)
            {
                string state = e.Local("state");
                e.Writer.Open($"if ({claim}.TryGetState(out {stateType} {state}))");
                e.Writer.Line($"{stateMember} = {state};");
                e.Writer.Close();
                e.Writer.Line();
            }

            e.Writer.Line(spec.HasResult ? $"return {claim}.Result;" : "return;");
            e.Writer.Close();
            e.Writer.Line();

            string call = Composition.InnerCall(e);
            if (spec.HasResult)
            {
                e.Writer.Line($"{spec.ResultType} {result};");
            }

            e.Writer.Open("try");
            if (spec.HasInnerPolicies)
            {
                e.Writer.Line(spec.HasResult ? $"{result} = {await}{call}{configure};" : $"{await}{call}{configure};");
            }
            else
            {
                // The implementation itself: its attempt is where chaos is injected.
                e.EmitLayer(0, Sink.Assign, e.CallerToken);
            }

            e.Writer.Close();
            e.Writer.Open("catch");
            e.Writer.Line($"{await}{claim}.{(spec.IsAsync ? "ReleaseAsync" : "Release")}(){configure};");
            e.Writer.Line("throw;");
            e.Writer.Close();
            e.Writer.Line();

            var completeArguments = new List<string>();
            if (spec.HasResult)
            {
                completeArguments.Add(result);
            }

            if (stateMember is not null)
            {
                completeArguments.Add(stateMember);
            }

            e.Writer.Line($"{await}{claim}.{(spec.IsAsync ? "CompleteAsync" : "Complete")}({string.Join(", ", completeArguments)}){configure};");
            if (spec.HasResult)
            {
                e.Writer.Line($"return {result};");
            }
        }
    }
}
