using System.Linq;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// The one place that fixes how policies nest, outermost first:
    /// Idempotent | Checkpoint → Fallback / LastKnownGood (one chain by Order) → Timeout(Overall) → Retry → CircuitBreaker → Timeout(Attempt) → Bulkhead → the <c>{Name}Core</c> implementation.
    /// Idempotent/Checkpoint wrap a separate <c>{Name}WithPolicies</c> method holding the rest, so the replay check wraps them whole.
    /// A new policy adds its field here, its layer to <see cref="Layer"/> and <see cref="BuildLayers"/>, and its code in its own folder.
    /// </summary>
    internal static class Composition
    {
        public static void EmitFields(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            if (spec.Checkpoint is { } checkpoint)
            {
                e.EmitPolicyField("CheckpointPolicy", "Checkpoint", "CheckpointOptions", checkpoint.Policy);
            }

            if (spec.Idempotent is { } idempotent)
            {
                e.EmitPolicyField("IdempotencyPolicy", "Idempotency", "IdempotencyOptions", idempotent.Policy);
            }

            if (spec.Retry is { } retry)
            {
                e.EmitPolicyField("RetryPolicy", "Retry", "RetryOptions", retry);
            }

            if (spec.CircuitBreaker is { } breaker)
            {
                CircuitBreakerEmitter.EmitField(e, breaker);
            }

            if (spec.Timeout is { } timeout)
            {
                e.EmitPolicyField("TimeoutPolicy", "Timeout", "TimeoutOptions", timeout);
            }

            if (spec.OverallTimeout is { } overallTimeout)
            {
                e.EmitPolicyField("TimeoutPolicy", "OverallTimeout", "TimeoutOptions", overallTimeout);
            }

            if (spec.Bulkhead is { } bulkhead)
            {
                e.EmitPolicyField("BulkheadPolicy", "Bulkhead", "BulkheadOptions", bulkhead);
            }

            FallbackEmitter.EmitFields(e);
        }

        public static void EmitMethod(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            if (spec.PoolsTask)
            {
                EmitPooledTaskMethod(e);
                return;
            }

            e.EmitSignature(spec.IsAsync);
            e.Writer.Open();
            if (spec.Idempotent is { } idempotent)
            {
                IdempotentEmitter.EmitBody(e, idempotent);
            }
            else if (spec.Checkpoint is { } checkpoint)
            {
                CheckpointEmitter.EmitBody(e, checkpoint);
            }
            else
            {
                EmitPolicies(e);
            }

            e.Writer.Close();
            if ((spec.Idempotent is not null || spec.Checkpoint is not null) && spec.HasInnerPolicies)
            {
                e.Writer.Line();
                EmitPoliciesMethod(e);
            }
        }

        /// <summary>
        /// A <c>Task</c> method whose policies run in a pooled <c>ValueTask</c> method: an asynchronously completing call
        /// allocates the returned task only, where an async <c>Task</c> method allocates its state machine with it.
        /// </summary>
        private static void EmitPooledTaskMethod(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            e.EmitSignature(async: false);
            e.Writer.Open();
            e.Writer.Line($"return {PoliciesMethodName(spec)}{spec.TypeParameters}({string.Join(", ", spec.Parameters.Select(p => p.Name))}).AsTask();");
            e.Writer.Close();
            e.Writer.Line();
            string returnType = spec.ReturnKind == ReturnKind.TaskOfT
                ? $"global::System.Threading.Tasks.ValueTask<{spec.ResultType}>"
                : "global::System.Threading.Tasks.ValueTask";
            e.Writer.Line($"[global::System.Runtime.CompilerServices.AsyncMethodBuilder(typeof({spec.AsyncMethodBuilder}))]");
            EmitPoliciesMethod(e, returnType);
        }

        /// <summary>The call Idempotent/Checkpoint make once they own the claim: the policies below them, or the implementation.</summary>
        public static string InnerCall(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            string arguments = string.Join(", ", spec.Parameters.Select(p => p.Name));
            return spec.HasInnerPolicies
                ? $"{PoliciesMethodName(spec)}{spec.TypeParameters}({arguments})"
                : $"{spec.CoreName}{spec.TypeParameters}({arguments})";
        }

        private static string PoliciesMethodName(MethodSpec spec) => spec.Name.TrimStart('@') + "WithPolicies";

        /// <summary>
        /// The policies below Idempotent/Checkpoint, in their own method so the replay check wraps them whole (or, with
        /// <paramref name="returnType"/>, the pooled <c>ValueTask</c> body of a <c>Task</c> method).
        /// </summary>
        private static void EmitPoliciesMethod(MethodEmitter e, string? returnType = null)
        {
            MethodSpec spec = e.Spec;
            string modifiers = string.Join(" ", new[] { "private" }.Concat(spec.Modifiers.Split(' ').Where(m => m is "static" or "readonly" or "unsafe")));
            string parameters = string.Join(", ", spec.Parameters.Select(p => $"{p.Modifiers.Replace("this ", string.Empty).Replace("params ", string.Empty)}{p.Type} {p.Name}"));
            if (returnType is null)
            {
                e.EmitAsyncMethodBuilder(spec.IsAsync);
            }

            e.Writer.Line($"{modifiers} {(spec.IsAsync ? "async " : string.Empty)}{returnType ?? spec.ReturnType} {PoliciesMethodName(spec)}{spec.TypeParameters}({parameters})");
            e.EmitConstraints();
            e.Writer.Open();
            EmitPolicies(e);
            e.Writer.Close();
        }

        private static void EmitPolicies(MethodEmitter e)
        {
            BuildLayers(e);
            MethodSpec spec = e.Spec;
            if ((spec.Timeout is not null || spec.OverallTimeout is not null) && spec.CancellationToken is null && !spec.IsAsync)
            {
                e.Writer.Line("// [Timeout] can neither cancel nor abandon a synchronous method without a CancellationToken parameter.");
            }

            if (spec.CancellationToken is not null && (spec.Retry is not null || spec.OverallTimeout is not null))
            {
                // A caller who already cancelled gets no attempt at all.
                e.Writer.Line($"{spec.CancellationToken}.ThrowIfCancellationRequested();");
                e.Writer.Line();
            }

            if (spec.HasFallbackChain && (spec.Fallbacks.Count > 0 || spec.HasResult))
            {
                FallbackEmitter.EmitChain(e);
            }
            else
            {
                e.EmitLayer(0, Sink.Return, e.CallerToken);
            }
        }

        private static void BuildLayers(MethodEmitter e)
        {
            MethodSpec spec = e.Spec;
            if (spec.OverallTimeout is not null && spec.CancellationToken is not null)
            {
                e.Layers.Add(Layer.OverallTimeout);
            }

            if (spec.Retry is not null)
            {
                e.Layers.Add(Layer.Retry);
            }

            if (spec.CircuitBreaker is not null)
            {
                e.Layers.Add(Layer.CircuitBreaker);
            }

            if (spec.Timeout is not null)
            {
                if (spec.CancellationToken is not null)
                {
                    e.Layers.Add(Layer.Timeout);
                }
                else if (spec.IsAsync)
                {
                    e.AbandonOnTimeout = true;
                }
            }

            if (spec.Bulkhead is not null)
            {
                e.Layers.Add(Layer.Bulkhead);
            }
        }
    }
}
