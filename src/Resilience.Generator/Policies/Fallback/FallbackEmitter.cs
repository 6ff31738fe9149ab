using System.Collections.Generic;
using System.Linq;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Fallback]</c> and <c>[LastKnownGood]</c>: the other layers in a <c>try</c>, then each member of the chain in turn while
    /// its policy handles the failure; when the last fallback fails too, <c>FallbackExhaustedException</c> carries every failure.
    /// </summary>
    internal static class FallbackEmitter
    {
        public static void EmitFields(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            if (spec.LastKnownGood is { } lastKnownGood)
            {
                LastKnownGoodEmitter.EmitField(e, lastKnownGood, LastKnownGoodEmitter.Position(spec));
            }

            for (int i = 0; i < spec.Fallbacks.Count; i++)
            {
                FallbackSpec fallback = spec.Fallbacks[i];
                string options = fallback.Exceptions is null
                    ? "global::Resilience.FallbackOptions.Default"
                    : $"new global::Resilience.FallbackOptions {{ Exceptions = {fallback.Exceptions} }}";
                e.EmitField("FallbackPolicy", Field(e, i), Literals.String(spec.PolicyName), Literals.String(fallback.Method), options);
            }
        }

        /// <summary>
        /// The chain: the primary (the other layers) in a <c>try</c>, then each <c>[Fallback]</c> in order, each entered from the
        /// catch of the step before it. <c>[LastKnownGood]</c> has no call that can fail: it answers inside the catch of the step
        /// before it, and when it has no young-enough value the failure goes on to the next fallback (if it handles it) or out.
        /// A result that a <c>HandleOnResult</c> predicate calls a failure goes to that fallback, not to the stored value.
        /// </summary>
        public static void EmitChain(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            int count = spec.Fallbacks.Count;
            LastKnownGoodSpec? lastKnownGood = spec.HasResult ? spec.LastKnownGood : null;
            int lastKnownGoodAt = lastKnownGood is null ? -1 : LastKnownGoodEmitter.Position(spec);
            string? key = lastKnownGood is null ? null : LastKnownGoodEmitter.EmitKey(e, lastKnownGood);
            bool results = spec.HasResult && (lastKnownGood is not null || spec.Fallbacks.Any(f => f.HandleOnResult is not null));
            string result = e.Local("result");

            // failures[k]: the failure fallback k takes over, declared before the step that precedes it.
            var failures = new List<string>();
            for (int k = 0; k < count; k++)
            {
                failures.Add(e.Local(k == 0 ? "failure" : "failure" + (k + 1)));
            }

            // An open breaker right under a fallback that answers rejections: take the permit before the try, and hand a
            // rejection to the fallback without creating or throwing CircuitBreakerOpenException. The exception is created
            // only for a fallback that takes it as a parameter, or when every fallback fails too. Only when the first member
            // of the chain is that [Fallback]: a [LastKnownGood] ordered first answers a rejection from its catch.
            bool rejectionPath = count > 0
                && lastKnownGoodAt != 0
                && e.Layers.Count > 0 && e.Layers[0] == Layer.CircuitBreaker
                && spec.Fallbacks[0].HandlesRejection;
            string rejection = e.Local("rejection");
            string? firstFailure = null;
            if (rejectionPath)
            {
                e.Writer.Line($"{MethodEmitter.Exception}? {failures[0]} = null;");
                if (!spec.Fallbacks[0].PassesException)
                {
                    firstFailure = $"{failures[0]} ?? {rejection}.CreateException()";
                }
            }
            else if (count > 0)
            {
                e.Writer.Line($"{MethodEmitter.Exception} {failures[0]};");
            }

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
            string? firstPredicate = count > 0 && spec.HasResult ? spec.Fallbacks[0].HandleOnResult : null;
            if (firstPredicate is not null || lastKnownGood is not null)
            {
                e.EmitLayer(0, Sink.Assign, e.CallerToken);
                if (firstPredicate is not null)
                {
                    EmitResultCheck(e, firstPredicate, Field(e, 0), result, failures[0], lastKnownGood, key);
                }
                else
                {
                    LastKnownGoodEmitter.EmitRecord(e, lastKnownGood!, key!, result);
                    e.Writer.Line($"return {result};");
                }
            }
            else
            {
                e.EmitLayer(0, Sink.Return, e.CallerToken);
            }

            e.Writer.Close();
            EmitCatchAfter(e, -1, failures, lastKnownGood, lastKnownGoodAt, key);
            if (rejectionPath)
            {
                e.Writer.Close();
                e.Writer.Open($"else if (!{Field(e, 0)}.HandlesRejection({rejection}))");
                e.Writer.Line($"throw {rejection}.CreateException();");
                e.Writer.Close();
                if (spec.Fallbacks[0].PassesException)
                {
                    e.Writer.Open("else");
                    e.Writer.Line($"{failures[0]} = {rejection}.CreateException();");
                    e.Writer.Close();
                }
            }

            // What the exhausted exception lists for the first failure (null on the rejection path: created there).
            var reported = new List<string>(failures);
            if (firstFailure is not null)
            {
                reported[0] = firstFailure;
            }

            for (int i = 0; i < count; i++)
            {
                e.Writer.Line();
                bool last = i == count - 1;
                if (!last)
                {
                    e.Writer.Line($"{MethodEmitter.Exception} {failures[i + 1]};");
                }

                e.Writer.Open("try");
                string? nextPredicate = last || !spec.HasResult ? null : spec.Fallbacks[i + 1].HandleOnResult;
                EmitCall(e, spec.Fallbacks[i], failures[i], nextPredicate is null ? null : result);
                if (nextPredicate is not null)
                {
                    EmitResultCheck(e, nextPredicate, Field(e, i + 1), result, failures[i + 1], null, null);
                }

                e.Writer.Close();
                EmitCatchAfter(e, i, reported, lastKnownGood, lastKnownGoodAt, key);
            }
        }

        /// <summary>The catch after step <paramref name="step"/> (-1: the primary; else fallback <paramref name="step"/>).</summary>
        private static void EmitCatchAfter(MethodEmitter e, int step, List<string> failures, LastKnownGoodSpec? lastKnownGood, int lastKnownGoodAt, string? key)
        {
            MethodSpec spec = e.Spec;
            int next = step + 1;
            bool fallbackFollows = next < spec.Fallbacks.Count;
            if (lastKnownGood is not null && lastKnownGoodAt == next)
            {
                e.EmitCatch(LastKnownGoodEmitter.Field(e) + ".Handles({0}, " + e.CallerToken + ")", ex =>
                {
                    LastKnownGoodEmitter.EmitServe(e, lastKnownGood, key!, ex);
                    if (fallbackFollows)
                    {
                        e.Writer.Open($"if (!{Field(e, next)}.Handles({ex}, {e.CallerToken}))");
                        e.Writer.Line("throw;");
                        e.Writer.Close();
                        e.Writer.Line();
                        e.Writer.Line($"{failures[next]} = {ex};");
                    }
                    else if (step < 0)
                    {
                        e.Writer.Line("throw;");
                    }
                    else
                    {
                        e.Writer.Line(Exhausted(e, failures, step, ex));
                    }
                });
            }
            else if (fallbackFollows)
            {
                e.EmitCatch(Field(e, next) + ".Handles({0}, " + e.CallerToken + ")", ex => e.Writer.Line($"{failures[next]} = {ex};"));
            }
            else
            {
                e.EmitCatch("!global::Resilience.CallerCancellation.IsCallerCancellation({0}, " + e.CallerToken + ")", ex => e.Writer.Line(Exhausted(e, failures, step, ex)));
            }
        }

        private static string Exhausted(MethodEmitter e, List<string> failures, int step, string ex) =>
            $"throw new global::Resilience.FallbackExhaustedException({Field(e, 0)}.Name, new {MethodEmitter.Exception}[] {{ {string.Join(", ", failures.Take(step + 1))}, {ex} }});";

        /// <summary>Returns the result unless the next fallback's <c>HandleOnResult</c> takes over, recording the failure it stands for.</summary>
        private static void EmitResultCheck(MethodEmitter e, string predicate, string field, string result, string failure, LastKnownGoodSpec? record, string? key)
        {
            e.Writer.Line();
            e.Writer.Open($"if (!{predicate}({result}) || !{field}.HandlesResult())");
            if (record is not null)
            {
                LastKnownGoodEmitter.EmitRecord(e, record, key!, result);
            }

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
