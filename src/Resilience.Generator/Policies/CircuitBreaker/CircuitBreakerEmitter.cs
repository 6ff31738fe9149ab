namespace Resilience.Generators
{
    /// <summary>
    /// <c>[CircuitBreaker]</c>: enter the breaker (throws while open), run the inner layers, and report the outcome —
    /// a failure before rethrowing, a success after the result is in hand.
    /// </summary>
    internal static class CircuitBreakerEmitter
    {
        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token)
        {
            string breaker = e.Local("breaker");
            string result = e.Local("result");
            e.Writer.Line($"var {breaker} = {e.Field("CircuitBreaker")}.Enter();");
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
            e.Writer.Line($"{breaker}.OnSuccess();");
            if (sink == Sink.Return)
            {
                e.Writer.Line(e.Spec.HasResult ? $"return {result};" : "return;");
            }
        }
    }
}
