namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Timeout]</c>: with a <c>CancellationToken</c> parameter, a linked token that cancels after the timeout and a
    /// <c>TimeoutRejectedException</c> in place of the resulting cancellation; an async method without one is abandoned
    /// (<c>AbandonAfterTimeout</c>); a synchronous method without one cannot be timed out.
    /// </summary>
    internal static class TimeoutEmitter
    {
        /// <param name="e">The method's emitter.</param>
        /// <param name="index">The layer's position.</param>
        /// <param name="sink">What the inner layers do with the result.</param>
        /// <param name="token">The token from the layer above (the caller's, or an overall timeout's).</param>
        /// <param name="fieldKind"><c>Timeout</c> (one attempt) or <c>OverallTimeout</c> (the whole call).</param>
        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token, string fieldKind)
        {
            string timeout = e.Local(fieldKind == "Timeout" ? "timeout" : "overallTimeout");
            e.Writer.Open($"using (var {timeout} = {e.Field(fieldKind)}.Start({token}))");
            e.Writer.Open("try");
            e.EmitLayer(index + 1, sink, timeout + ".Token");
            e.Writer.Close();
            string ex = e.Local("ex");
            e.Writer.Open($"catch (global::System.OperationCanceledException {ex}) when ({timeout}.IsTimeout({ex}))");
            e.Writer.Line($"throw {timeout}.TimeoutException({ex});");
            e.Writer.Close();

            // The caller cancelled through the linked token: rethrow carrying the caller's own token.
            e.Writer.Open($"catch (global::System.OperationCanceledException {ex}) when (global::Resilience.CallerCancellation.NeedsCallerToken({ex}, {e.CallerToken}))");
            e.Writer.Line($"throw global::Resilience.CallerCancellation.WithCallerToken({ex}, {e.CallerToken});");
            e.Writer.Close();
            e.Writer.Close();
        }

        /// <summary>Wraps the implementation call of an async method that takes no token.</summary>
        public static string Abandon(MethodEmitter e, string call) => $"{e.Field("Timeout")}.AbandonAfterTimeout({call})";
    }
}
