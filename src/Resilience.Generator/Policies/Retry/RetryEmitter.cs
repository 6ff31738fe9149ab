using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Retry]</c>: a <c>RetryState</c> local and a loop that runs the inner layers until they succeed or
    /// <c>ShouldRetry</c> gives up, waiting the policy's delay between attempts. With a result predicate (<c>RetryOnResult</c>,
    /// or <c>HttpResponseMessage</c>), a result it names a failure is retried too — disposed first when it is a response —
    /// and the last one is returned when retries end.
    /// </summary>
    internal static class RetryEmitter
    {
        public static void EmitLayer(MethodEmitter e, int index, Sink sink, string token)
        {
            RetryOutcomeSpec? outcome = e.Spec.RetryOutcome;
            string retry = e.Local("retry");
            string wait = e.Spec.IsAsync
                ? $"await {retry}.WaitAsync({token}).ConfigureAwait(false);"
                : $"{retry}.Wait({token});";
            e.Writer.Line($"var {retry} = new global::Resilience.RetryState({e.Field("Retry")});");
            e.Writer.Open("while (true)");
            if (outcome?.IsFailure is { } isFailure && e.Spec.HasResult)
            {
                EmitResultLoopBody(e, index, sink, token, outcome, isFailure, retry, wait);
            }
            else
            {
                e.Writer.Open("try");
                e.EmitLayer(index + 1, sink, token);
                if (sink == Sink.Assign)
                {
                    e.Writer.Line("break;");
                }

                e.Writer.Close();
                e.EmitCatch($"{retry}.ShouldRetry({{0}}, {token})", ex => EmitOnRetry(e, outcome, retry, ex));
                e.Writer.Line();
                e.Writer.Line(wait);
            }

            e.Writer.Close();
        }

        private static void EmitResultLoopBody(MethodEmitter e, int index, Sink sink, string token, RetryOutcomeSpec outcome, string isFailure, string retry, string wait)
        {
            string result = e.Local("result");
            if (sink == Sink.Return)
            {
                e.Writer.Line($"{e.Spec.ResultType} {result};");
            }

            e.Writer.Open("try");
            e.EmitLayer(index + 1, Sink.Assign, token);
            e.Writer.Close();
            e.EmitCatch($"{retry}.ShouldRetry({{0}}, {token})", ex =>
            {
                EmitOnRetry(e, outcome, retry, ex);
                e.Writer.Line(wait);
                e.Writer.Line("continue;");
            });
            e.Writer.Line();

            string retryAfter = outcome.RetryAfterResult is { } reader ? $"{reader}({result})" : "null";
            e.Writer.Open($"if (!{isFailure}({result}) || !{retry}.CanRetry({token}) || !{retry}.TryScheduleRetry({retryAfter}))");
            e.Writer.Line(sink == Sink.Return ? $"return {result};" : "break;");
            e.Writer.Close();
            e.Writer.Line();
            if (outcome.OnRetry is { } onRetry)
            {
                e.Writer.Line($"{onRetry}(new {outcome.AttemptType}({retry}.Retries, {retry}.Delay, null, {result}));");
            }

            if (outcome.DisposesResult)
            {
                e.Writer.Line($"{result}?.Dispose();");
            }

            e.Writer.Line(wait);
        }

        private static void EmitOnRetry(MethodEmitter e, RetryOutcomeSpec? outcome, string retry, string ex)
        {
            e.Writer.Line(outcome?.RetryAfterException is { } reader
                ? $"{retry}.OnRetry({ex}, {reader}({ex}));"
                : $"{retry}.OnRetry({ex});");
            if (outcome?.OnRetry is { } onRetry)
            {
                string attempt = e.Spec.HasResult
                    ? $"new {outcome.AttemptType}({retry}.Retries, {retry}.Delay, {ex}, default!)"
                    : $"new {outcome.AttemptType}({retry}.Retries, {retry}.Delay, {ex})";
                e.Writer.Line($"{onRetry}({attempt});");
            }
        }
    }
}
