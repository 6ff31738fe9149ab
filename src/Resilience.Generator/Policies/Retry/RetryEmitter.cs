namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Retry]</c>: a <c>RetryState</c> local and a loop that runs the inner layers until they succeed or
    /// <c>ShouldRetry</c> gives up, waiting the policy's delay between attempts.
    /// </summary>
    internal static class RetryEmitter
    {
        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token)
        {
            string retry = e.Local("retry");
            e.Writer.Line($"var {retry} = new global::Resilience.RetryState({e.Field("Retry")});");
            e.Writer.Open("while (true)");
            e.Writer.Open("try");
            e.EmitLayer(index + 1, sink, token);
            e.Writer.Close();
            e.EmitCatch($"{retry}.ShouldRetry({{0}}, {e.CallerToken})", ex => e.Writer.Line($"{retry}.OnRetry({ex});"));
            e.Writer.Line();
            e.Writer.Line(e.Spec.IsAsync
                ? $"await {retry}.WaitAsync({e.CallerToken}).ConfigureAwait(false);"
                : $"{retry}.Wait({e.CallerToken});");
            e.Writer.Close();
        }
    }
}
