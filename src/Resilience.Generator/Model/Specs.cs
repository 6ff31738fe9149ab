namespace Resilience.Generators.Model
{
    /// <summary>How the annotated method returns, which decides whether the body is async and how results flow.</summary>
    internal enum ReturnKind
    {
        Void,
        Value,
        Task,
        TaskOfT,
        ValueTask,
        ValueTaskOfT,
    }

    /// <summary>Everything the emitter needs to write one annotated method. Strings are already-rendered C#.</summary>
    internal sealed record MethodSpec(
        string HintName,
        string? Namespace,
        ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
        string Modifiers,
        string ReturnType,
        ReturnKind ReturnKind,
        string? ResultType,
        string Name,
        string TypeParameters,
        ImmutableEquatableArray<string> Constraints,
        ImmutableEquatableArray<ParameterSpec> Parameters,
        string CoreName,
        string PolicyName,
        string FieldPrefix,
        string? CancellationToken,
        PolicySpec? Retry,
        PolicySpec? CircuitBreaker,
        PolicySpec? Timeout,
        PolicySpec? Bulkhead,
        ImmutableEquatableArray<FallbackSpec> Fallbacks,
        IdempotentSpec? Idempotent,
        CheckpointSpec? Checkpoint,
        string? StubReason,
        PolicySpec? OverallTimeout = null,
        RetryOutcomeSpec? RetryOutcome = null,
        CircuitBreakerOutcomeSpec? BreakerOutcome = null,
        LastKnownGoodSpec? LastKnownGood = null,
        string? AsyncMethodBuilder = null)
    {
        public bool IsAsync => ReturnKind is ReturnKind.Task or ReturnKind.TaskOfT or ReturnKind.ValueTask or ReturnKind.ValueTaskOfT;

        /// <summary>Whether any policy below Idempotent/Checkpoint wraps the implementation.</summary>
        public bool HasInnerPolicies => Retry is not null || CircuitBreaker is not null || Timeout is not null || OverallTimeout is not null || Bulkhead is not null || Fallbacks.Count > 0 || LastKnownGood is not null;

        /// <summary>Whether the method has a fallback chain: <c>[Fallback]</c>s and/or <c>[LastKnownGood]</c>.</summary>
        public bool HasFallbackChain => Fallbacks.Count > 0 || LastKnownGood is not null;

        public bool HasResult => ReturnKind is ReturnKind.Value or ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;

        /// <summary>
        /// Whether a <c>Task</c> method returns <c>AsTask()</c> of its policies run in a pooled <c>ValueTask</c> method
        /// (<see cref="AsyncMethodBuilder"/> is set): the pooled box is reused, so the call allocates only the task it returns.
        /// </summary>
        public bool PoolsTask => ReturnKind is ReturnKind.Task or ReturnKind.TaskOfT && AsyncMethodBuilder is not null && Idempotent is null && Checkpoint is null;
    }

    /// <summary>A containing type declaration, outermost first: <c>partial class Outer&lt;T&gt;</c>.</summary>
    internal sealed record ContainingTypeSpec(string Keyword, string Name);

    /// <summary>A parameter of the annotated method.</summary>
    internal sealed record ParameterSpec(string Modifiers, string Type, string Name);

    /// <summary>One policy's field: the policy name it is registered under and its options initializer.</summary>
    internal sealed record PolicySpec(string Name, ImmutableEquatableArray<OptionSpec> Options);

    /// <summary>One <c>Property = value</c> of an options initializer; the value is rendered C#.</summary>
    internal sealed record OptionSpec(string Property, string Value);
}

namespace Resilience.Generators.Model
{
    /// <summary>What the parser makes of one annotated method: the spec to emit (if any) and the usage diagnostics to report.</summary>
    internal sealed record ParseResult(MethodSpec? Spec, ImmutableEquatableArray<DiagnosticInfo> Diagnostics);
}
