using System.Collections.Generic;
using System.Linq;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Fallback]</c>: the other layers in a <c>try</c>, then each fallback of the chain in turn while its policy handles
    /// the failure; when the last one fails too, <c>FallbackExhaustedException</c> carries every failure.
    /// </summary>
    internal static class FallbackEmitter
    {
        public static void EmitFields(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            for (int i = 0; i < spec.Fallbacks.Count; i++)
            {
                FallbackSpec fallback = spec.Fallbacks[i];
                string options = fallback.Exceptions is null
                    ? "global::Resilience.FallbackOptions.Default"
                    : $"new global::Resilience.FallbackOptions {{ Exceptions = {fallback.Exceptions} }}";
                e.EmitField("FallbackPolicy", Field(e, i), Literals.String(spec.PolicyName), Literals.String(fallback.Method), options);
            }
        }

        public static void EmitChain(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            bool results = spec.HasResult && spec.Fallbacks.Any(f => f.HandleOnResult is not null);
            string result = e.Local("result");
            var failures = new List<string>();
            string failure = e.Local("failure");

            // An open breaker right under a fallback that answers rejections: take the permit before the try, and hand a
            // rejection to the fallback without creating or throwing CircuitBreakerOpenException. The exception is created
            // only for a fallback that takes it as a parameter, or when every fallback fails too.
            bool rejectionPath = e.Layers.Count > 0 && e.Layers[0] == Layer.CircuitBreaker && spec.Fallbacks[0].HandlesRejection;
            string rejection = e.Local("rejection");
            string firstFailure = failure;
            if (rejectionPath)
            {
                e.Writer.Line($"{MethodEmitter.Exception}? {failure} = null;");
                if (!spec.Fallbacks[0].PassesException)
                {
                    firstFailure = $"{failure} ?? {rejection}.CreateException()";
                }
            }
            else
            {
                e.Writer.Line($"{MethodEmitter.Exception} {failure};");
            }

            failures.Add(failure);
            if (results)
            {
                e.Writer.Line($"{spec.ResultType} {result};");
            }

            if (rejectionPath)
            {
                e.BreakerEntered = true;
                e.Writer.Open($"if ({e.Field("CircuitBreaker")}.TryEnter(out var {e.Local("breaker")}, out var {rejection}))");
            }

            e.Writer.Open("try");
            if (spec.Fallbacks[0].HandleOnResult is { } first && spec.HasResult)
            {
                e.EmitLayer(0, Sink.Assign, e.CallerToken);
                EmitResultCheck(e, first, Field(e, 0), result, failure);
            }
            else
            {
                e.EmitLayer(0, Sink.Return, e.CallerToken);
            }

            e.Writer.Close();
            e.EmitCatch(Field(e, 0) + ".Handles({0}, " + e.CallerToken + ")", ex => e.Writer.Line($"{failure} = {ex};"));
            if (rejectionPath)
            {
                e.Writer.Close();
                e.Writer.Open($"else if (!{Field(e, 0)}.HandlesRejection({rejection}))");
                e.Writer.Line($"throw {rejection}.CreateException();");
                e.Writer.Close();
                if (spec.Fallbacks[0].PassesException)
                {
                    e.Writer.Open("else");
                    e.Writer.Line($"{failure} = {rejection}.CreateException();");
                    e.Writer.Close();
                }
            }

            for (int i = 0; i < spec.Fallbacks.Count; i++)
            {
                e.Writer.Line();
                bool last = i == spec.Fallbacks.Count - 1;
                string? next = null;
                if (!last)
                {
                    next = e.Local("failure" + (i + 2));
                    e.Writer.Line($"{MethodEmitter.Exception} {next};");
                }

                e.Writer.Open("try");
                string? nextPredicate = last || !spec.HasResult ? null : spec.Fallbacks[i + 1].HandleOnResult;
                EmitCall(e, spec.Fallbacks[i], failures[failures.Count - 1], nextPredicate is null ? null : result);
                if (nextPredicate is not null)
                {
                    EmitResultCheck(e, nextPredicate, Field(e, i + 1), result, next!);
                }

                e.Writer.Close();
                if (last)
                {
                    e.EmitCatch(
                        "!global::Resilience.CallerCancellation.IsCallerCancellation({0}, " + e.CallerToken + ")",
                        ex => e.Writer.Line(
                            $"throw new global::Resilience.FallbackExhaustedException({Field(e, 0)}.Name, new {MethodEmitter.Exception}[] {{ {string.Join(", ", new[] { firstFailure }.Concat(failures.Skip(1)))}, {ex} }});"));
                }
                else
                {
                    e.EmitCatch(Field(e, i + 1) + ".Handles({0}, " + e.CallerToken + ")", ex => e.Writer.Line($"{next} = {ex};"));
                    failures.Add(next!);
                }
            }
        }

        /// <summary>Returns the result unless the next fallback's <c>HandleOnResult</c> takes over, recording the failure it stands for.</summary>
        private static void EmitResultCheck(MethodEmitter e, string predicate, string field, string result, string failure)
        {
            e.Writer.Line();
            e.Writer.Open($"if (!{predicate}({result}) || !{field}.HandlesResult())");
            e.Writer.Line($"return {result};");
            e.Writer.Close();
            e.Writer.Line();
            e.Writer.Line($"{failure} = {field}.ResultFailure({result});");
        }

        private static string Field(MethodEmitter e, int index) => e.Field(e.Spec.Fallbacks.Count == 1 ? "Fallback" : "Fallback" + (index + 1));

        private static void EmitCall(MethodEmitter e, FallbackSpec fallback, string failure, string? assignTo)
        {
            MethodSpec spec = e.Spec;
            string arguments = string.Join(", ", spec.Parameters.Select(p => p.Name).Concat(fallback.PassesException ? new[] { failure } : Enumerable.Empty<string>()));
            string call = $"{SymbolNames.EscapeIdentifier(fallback.Method)}{spec.TypeParameters}({arguments})";
            if (fallback.IsAwaited)
            {
                call = $"await {call}.ConfigureAwait(false)";
            }

            if (fallback.ReturnsNothing)
            {
                e.Writer.Line(call + ";");
                e.Writer.Line("return;");
            }
            else
            {
                e.Writer.Line(assignTo is null ? $"return {call};" : $"{assignTo} = {call};");
            }
        }
    }
}
