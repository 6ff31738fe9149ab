namespace Resilience.Generators
{
    /// <summary><c>[Bulkhead]</c>: a lease on the bulkhead held for the inner layers (waiting in its queue when full).</summary>
    internal static class BulkheadEmitter
    {
        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token)
        {
            e.Writer.Open(e.Spec.IsAsync
                ? $"using (await {e.Field("Bulkhead")}.EnterAsync({token}).ConfigureAwait(false))"
                : $"using ({e.Field("Bulkhead")}.Enter({token}))");
            e.EmitLayer(index + 1, sink, token);
            e.Writer.Close();
        }
    }
}
