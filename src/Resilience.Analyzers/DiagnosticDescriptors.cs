using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers
{
    /// <summary>
    /// Every RES diagnostic in one place. IDs are stable: RES0xxx are usage rules (category <c>Resilience.Usage</c>),
    /// RES1xxx are hazards in code that runs more than once (category <c>Resilience.Idempotency</c>).
    /// Each ID has a page at <c>docs/diagnostics/&lt;ID&gt;.md</c>.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string HelpBase = "https://github.com/resilience-generators/resilience-generators/blob/main/docs/diagnostics/";

        // Hazards reached through calls are reported when the whole call graph is known (compilation end); hazards in a
        // root's own {Name}Core are reported as soon as that method is analysed, so the IDE shows them while typing.
        // The two descriptors of a rule differ only in that tag.
        private static readonly string[] CompilationEndTags = { WellKnownDiagnosticTags.CompilationEnd };

        public static readonly DiagnosticDescriptor MethodNotPartial = Usage(
            "RES0001",
            "Annotated method must be a partial method without a body",
            "'{0}' has resilience attributes but is not a partial method declaration without a body; declare it 'partial' and move the body into '{0}Core'");

        public static readonly DiagnosticDescriptor TypeNotPartial = Usage(
            "RES0002",
            "Type containing annotated methods must be partial",
            "Type '{0}' contains methods with resilience attributes and must be declared 'partial'");

        public static readonly DiagnosticDescriptor MissingCore = Usage(
            "RES0003",
            "Implementation method '{Name}Core' is missing",
            "'{0}' has no implementation method '{1}' in type '{2}'");

        public static readonly DiagnosticDescriptor CoreMismatch = Usage(
            "RES0004",
            "Implementation method does not match the partial method",
            "'{0}' does not match '{1}': {2}");

        public static readonly DiagnosticDescriptor FallbackNotFound = Usage(
            "RES0005",
            "Fallback method not found",
            "Fallback method '{0}' of '{1}' is not a method of type '{2}'");

        public static readonly DiagnosticDescriptor FallbackIncompatible = Usage(
            "RES0006",
            "Fallback method is incompatible",
            "Fallback method '{0}' cannot stand in for '{1}': {2}");

        public static readonly DiagnosticDescriptor InvalidValue = Usage(
            "RES0007",
            "Invalid attribute value",
            "'{0}' of [{1}] on '{2}' is {3}; {4}");

        public static readonly DiagnosticDescriptor NotAnExceptionType = Usage(
            "RES0008",
            "Type in an exception filter is not an exception type",
            "'{0}' in '{1}' of [{2}] on '{3}' does not derive from System.Exception");

        public static readonly DiagnosticDescriptor UnknownKeyPlaceholder = Usage(
            "RES0009",
            "Idempotency key template is invalid",
            "Key of [Idempotent] on '{0}': {1}");

        public static readonly DiagnosticDescriptor CheckpointWithoutWorkflowId = new DiagnosticDescriptor(
            "RES0010",
            "Checkpoint step has no [WorkflowId] parameter",
            "'{0}' has [Checkpoint] but no parameter marked [WorkflowId]; an ambient CheckpointScope must be active whenever it runs, or it fails at run time",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Without a [WorkflowId] parameter the step uses the ambient CheckpointScope. Mark a parameter [WorkflowId], or set this rule's severity to none if every caller opens a scope.",
            helpLinkUri: HelpBase + "RES0010.md");

        public static readonly DiagnosticDescriptor UnsupportedParameter = Usage(
            "RES0011",
            "Parameter kind is not supported",
            "Parameter '{0}' of '{1}' is a '{2}' parameter, which the generated retry/fallback code cannot pass through; pass it by value");

        public static readonly DiagnosticDescriptor UnsupportedReturnType = Usage(
            "RES0012",
            "Return type is not supported",
            "'{0}' returns {1}, which the generated code cannot wrap; return void, T, Task, Task<T>, ValueTask or ValueTask<T>");

        public static readonly DiagnosticDescriptor AsyncVoidCore = Usage(
            "RES0013",
            "Implementation is async void",
            "'{0}' is async void: the generated code cannot observe its completion or failure; make '{1}' and '{0}' return Task");

        public static readonly DiagnosticDescriptor TimeoutWithoutCancellationToken = new DiagnosticDescriptor(
            "RES0014",
            "[Timeout] on a method without a CancellationToken parameter",
            "'{0}' has [Timeout] but no CancellationToken parameter; on timeout its work is abandoned, not cancelled",
            DiagnosticCategories.Usage,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpBase + "RES0014.md");

        public static readonly DiagnosticDescriptor ConflictingAttributes = Usage(
            "RES0015",
            "Conflicting attributes",
            "'{0}' has both [{1}] and [{2}]; {3}");

        public static readonly DiagnosticDescriptor DuplicateFallbackOrder = Usage(
            "RES0016",
            "Two fallbacks have the same Order",
            "Fallbacks '{0}' and '{1}' of '{2}' both have Order {3}; give each fallback its own Order");

        public static readonly DiagnosticDescriptor FallbackIsSelf = Usage(
            "RES0017",
            "Fallback names the method itself or its implementation",
            "Fallback '{0}' of '{1}' is the method itself or its implementation; name a different method");

        public static readonly DiagnosticDescriptor InvalidShouldRetry = Usage(
            "RES0018",
            "ShouldRetry does not name a static bool M(Exception) method",
            "ShouldRetry of [Retry] on '{0}' names '{1}', which is not a 'static bool {1}(Exception)' method of type '{2}'");

        public static readonly DiagnosticDescriptor UnsupportedTarget = Usage(
            "RES0019",
            "Resilience attributes on a member the generator cannot complete",
            "'{0}' is {1}; resilience attributes only take effect on partial methods of classes, structs and records");

        public static readonly DiagnosticDescriptor InvalidResultPredicate = Usage(
            "RES0030",
            "Result predicate does not name a bool M(TResult) method",
            "{1} of [{2}] on '{0}' names '{3}', which is not a 'bool {3}({4})' method of type '{5}'{6}");

        public static readonly DiagnosticDescriptor InvalidRetryAfter = Usage(
            "RES0031",
            "RetryAfter does not name a TimeSpan? M(TResult) or TimeSpan? M(Exception) method",
            "RetryAfter of [Retry] on '{0}' names '{1}', which is neither 'TimeSpan? {1}({2})' nor 'TimeSpan? {1}(Exception)' of type '{3}'{4}");

        public static readonly DiagnosticDescriptor InvalidOnRetry = Usage(
            "RES0032",
            "OnRetry does not name a void M(RetryAttempt<TResult>) method",
            "OnRetry of [Retry] on '{0}' names '{1}', which is not a 'void {1}({2} attempt)' method of type '{3}'{4}");

        public static readonly DiagnosticDescriptor InvalidOnStateChange = Usage(
            "RES0033",
            "OnStateChange does not name a static void M(CircuitBreakerStateChangedEventArgs) method",
            "OnStateChange of [CircuitBreaker] on '{0}' names '{1}', which is not a 'static void {1}(CircuitBreakerStateChangedEventArgs change)' method of type '{2}'");

        public static readonly DiagnosticDescriptor InvalidSamplingCalls = Usage(
            "RES0034",
            "SamplingCalls needs FailureRatio and excludes SamplingDurationMs",
            "[CircuitBreaker] on '{0}' sets SamplingCalls {1}");

        public static readonly DiagnosticDescriptor DuplicateTimeoutScope = Usage(
            "RES0035",
            "Two [Timeout] attributes of the same scope",
            "'{0}' has two [Timeout] attributes with Scope = TimeoutScope.{1}; declare at most one attempt timeout and one overall timeout");

        public static readonly DiagnosticDescriptor ResultOptionWithoutResult = Usage(
            "RES0036",
            "Result option on a method without a result",
            "{1} of [{2}] on '{0}' has no effect: '{0}' returns no result to inspect; remove it");

        public static readonly DiagnosticDescriptor InvalidSlowCallRatio = Usage(
            "RES0037",
            "SlowCallRatio needs SlowCallMs and a ratio mode",
            "[CircuitBreaker] on '{0}' sets SlowCallRatio {1}");

        private const string CompoundAssignmentTitle = "Relative change to shared state in code that runs again";
        private const string InterlockedTitle = "Atomic delta on shared state in code that runs again";
        private const string ReadModifyWriteTitle = "Value read and written back with a relative change in code that runs again";
        private const string SqlTitle = "Relative SQL update in code that runs again";
        private const string CollectionTitle = "Adding to a shared collection in code that runs again";
        private const string HttpTitle = "HTTP POST/PATCH without an Idempotency-Key header in code that runs again";

        public static readonly DiagnosticDescriptor CompoundAssignmentOnSharedState = Hazard("RES1001", CompoundAssignmentTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor InterlockedDelta = Hazard("RES1002", InterlockedTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor ReadModifyWrite = Hazard("RES1003", ReadModifyWriteTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor RelativeSqlUpdate = Hazard("RES1004", SqlTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor AddToSharedCollection = Hazard("RES1005", CollectionTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor HttpPostWithoutIdempotencyKey = Hazard("RES1006", HttpTitle, CompilationEndTags);

        public static readonly DiagnosticDescriptor CompoundAssignmentOnSharedStateInRoot = Hazard("RES1001", CompoundAssignmentTitle);
        public static readonly DiagnosticDescriptor InterlockedDeltaInRoot = Hazard("RES1002", InterlockedTitle);
        public static readonly DiagnosticDescriptor ReadModifyWriteInRoot = Hazard("RES1003", ReadModifyWriteTitle);
        public static readonly DiagnosticDescriptor RelativeSqlUpdateInRoot = Hazard("RES1004", SqlTitle);
        public static readonly DiagnosticDescriptor AddToSharedCollectionInRoot = Hazard("RES1005", CollectionTitle);
        public static readonly DiagnosticDescriptor HttpPostWithoutIdempotencyKeyInRoot = Hazard("RES1006", HttpTitle);

        /// <summary>The descriptor for a hazard found in a root's own {Name}Core (reported without waiting for compilation end).</summary>
        public static DiagnosticDescriptor InRoot(DiagnosticDescriptor hazard) => hazard.Id switch
        {
            "RES1001" => CompoundAssignmentOnSharedStateInRoot,
            "RES1002" => InterlockedDeltaInRoot,
            "RES1003" => ReadModifyWriteInRoot,
            "RES1004" => RelativeSqlUpdateInRoot,
            "RES1005" => AddToSharedCollectionInRoot,
            _ => HttpPostWithoutIdempotencyKeyInRoot,
        };

        private static DiagnosticDescriptor Usage(string id, string title, string message) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                DiagnosticCategories.Usage,
                DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                helpLinkUri: HelpBase + id + ".md");

        // All hazards share one message shape: '{member}' {operation}, and it runs again on {root phrase}.
        private static DiagnosticDescriptor Hazard(string id, string title, params string[] tags) =>
            new DiagnosticDescriptor(
                id,
                title,
                "'{0}' {1}, and it runs again on {2}",
                DiagnosticCategories.Idempotency,
                DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                helpLinkUri: HelpBase + id + ".md",
                customTags: tags);
    }
}
