using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// <c>[CircuitBreaker]</c>: enter the breaker (throws while open), run the inner layers, and report the outcome —
    /// a failure before rethrowing, a success (or, for a result <c>HandleOnResult</c> names a failure, a result failure)
    /// after the result is in hand. Directly under a fallback that answers rejections, <see cref="FallbackEmitter"/> takes
    /// the permit with <c>TryEnter</c> instead, and a rejection goes to the fallback without an exception.
    /// </summary>
    internal static class CircuitBreakerEmitter
    {
        /// <summary>The policy field; with <c>OnStateChange</c>, the callback is passed once as a method group.</summary>
        public static void EmitField(MethodEmitter e, PolicySpec breaker)
        {
            if (e.Spec.BreakerOutcome?.OnStateChange is { } onStateChange)
            {
                e.EmitField("CircuitBreakerPolicy", e.Field("CircuitBreaker"), Literals.String(breaker.Name), MethodEmitter.Options("CircuitBreakerOptions", breaker), onStateChange);
            }
            else
            {
                e.EmitPolicyField("CircuitBreakerPolicy", "CircuitBreaker", "CircuitBreakerOptions", breaker);
            }
        }

        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token)
        {
            string breaker = e.Local("breaker");
            string result = e.Local("result");
            if (!e.BreakerEntered)
            {
                e.Writer.Line($"var {breaker} = {e.Field("CircuitBreaker")}.Enter();");
            }

            if (sink == Sink.Return && e.Spec.HasResult)
            {
                e.Writer.Line($"{e.Spec.ResultType} {result};");
            }

            e.Writer.Open("try");
            e.EmitLayer(index + 1, Sink.Assign, token);
            e.Writer.Close();
            string ex = e.Local("ex");
            e.Writer.Open($"catch ({MethodEmitter.Exception} {ex})");
            e.Writer.Line($"{breaker}.OnFailure({ex}, {e.CallerToken});");
            e.Writer.Line("throw;");
            e.Writer.Close();
            e.Writer.Line();
            if (e.Spec.HasResult && e.Spec.BreakerOutcome?.IsFailure is { } isFailure)
            {
                e.Writer.Open($"if ({isFailure}({result}))");
                e.Writer.Line($"{breaker}.OnResultFailure();");
                e.Writer.Close();
                e.Writer.Open("else");
                e.Writer.Line($"{breaker}.OnSuccess();");
                e.Writer.Close();
            }
            else
            {
                e.Writer.Line($"{breaker}.OnSuccess();");
            }

            if (sink == Sink.Return)
            {
                e.Writer.Line(e.Spec.HasResult ? $"return {result};" : "return;");
            }
        }
    }
}
