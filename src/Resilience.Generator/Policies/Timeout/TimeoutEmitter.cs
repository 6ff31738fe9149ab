namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Timeout]</c>: with a <c>CancellationToken</c> parameter, a linked token that cancels after the timeout and a
    /// <c>TimeoutRejectedException</c> in place of the resulting cancellation; an async method without one is abandoned
    /// (<c>AbandonAfterTimeout</c>); a synchronous method without one cannot be timed out.
    /// </summary>
    internal static class TimeoutEmitter
    {
        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token)
        {
            string timeout = e.Local("timeout");
            e.Writer.Open($"using (var {timeout} = {e.Field("Timeout")}.Start({token}))");
            e.Writer.Open("try");
            e.EmitLayer(index + 1, sink, timeout + ".Token");
            e.Writer.Close();
            string ex = e.Local("ex");
            e.Writer.Open($"catch (global::System.OperationCanceledException {ex}) when ({timeout}.IsTimeout({ex}))");
            e.Writer.Line($"throw {timeout}.TimeoutException({ex});");
            e.Writer.Close();
            e.Writer.Close();
        }

        /// <summary>Wraps the implementation call of an async method that takes no token.</summary>
        public static string Abandon(MethodEmitter e, string call) => $"{e.Field("Timeout")}.AbandonAfterTimeout({call})";
    }
}
