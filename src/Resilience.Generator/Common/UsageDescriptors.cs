using Microsoft.CodeAnalysis;
using Resilience.Shared;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules RES0001–RES0054 (category <c>Resilience.Usage</c>), all reported by the generator from its own
    /// diagnostics output, so the command-line build shows them next to any compiler error (analyzers do not run on a
    /// compilation with errors). The analyzers report the hazards (RES1xxx). docs/architecture.md explains the split.
    /// Each ID has a page at <c>docs/diagnostics/&lt;ID&gt;.md</c>.
    /// </summary>
    internal static class UsageDescriptors
    {
        public const string Category = "Resilience.Usage";

        public static readonly DiagnosticDescriptor MethodNotPartial = Error(
            "RES0001",
            "Annotated method must be a partial method without a body",
            "'{0}' has resilience attributes but is not a partial method declaration without a body; declare it 'partial' and move the body into '{0}Core'");

        public static readonly DiagnosticDescriptor TypeNotPartial = Error(
            "RES0002",
            "Type containing annotated methods must be partial",
            "Type '{0}' contains methods with resilience attributes and must be declared 'partial'");

        public static readonly DiagnosticDescriptor MissingCore = Error(
            "RES0003",
            "Implementation method '{Name}Core' is missing",
            "'{0}' has no implementation method '{1}' in type '{2}'; add '{3}'");

        public static readonly DiagnosticDescriptor CoreMismatch = Error(
            "RES0004",
            "Implementation method does not match the partial method",
            "'{0}' does not match '{1}': {2}");

        public static readonly DiagnosticDescriptor FallbackNotFound = Error(
            "RES0005",
            "Fallback method not found",
            "Fallback method '{0}' of '{1}' is not a method of type '{2}'");

        public static readonly DiagnosticDescriptor FallbackIncompatible = Error(
            "RES0006",
            "Fallback method is incompatible",
            "Fallback method '{0}' cannot stand in for '{1}': {2}");

        public static readonly DiagnosticDescriptor InvalidValue = Error(
            "RES0007",
            "Invalid attribute value",
            "'{0}' of [{1}] on '{2}' is {3}; {4}");

        public static readonly DiagnosticDescriptor NotAnExceptionType = Error(
            "RES0008",
            "Type in an exception filter is not an exception type",
            "'{0}' in '{1}' of [{2}] on '{3}' does not derive from System.Exception");

        public static readonly DiagnosticDescriptor UnknownKeyPlaceholder = Error(
            "RES0009",
            "Idempotency key template is invalid",
            "Key of [Idempotent] on '{0}': {1}");

        public static readonly DiagnosticDescriptor CheckpointWithoutWorkflowId = new(
            "RES0010",
            "Checkpoint step has no [WorkflowId] parameter",
            "'{0}' has [Checkpoint] but no parameter marked [WorkflowId]; an ambient CheckpointScope must be active whenever it runs, or it fails at run time",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            description: "Without a [WorkflowId] parameter the step uses the ambient CheckpointScope. Mark a parameter [WorkflowId], or set this rule's severity to none if every caller opens a scope.",
            helpLinkUri: HelpLinks.For("RES0010"));

        public static readonly DiagnosticDescriptor UnsupportedParameter = Error(
            "RES0011",
            "Parameter kind is not supported",
            "Parameter '{0}' of '{1}' is a '{2}' parameter, which the generated retry/fallback code cannot pass through; pass it by value");

        public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
            "RES0012",
            "Return type is not supported",
            "'{0}' returns {1}, which the generated code cannot wrap; return void, T, Task, Task<T>, ValueTask or ValueTask<T>");

        public static readonly DiagnosticDescriptor AsyncVoidCore = Error(
            "RES0013",
            "Implementation is async void",
            "'{0}' is async void: the generated code cannot observe its completion or failure; make '{1}' and '{0}' return Task");

        public static readonly DiagnosticDescriptor TimeoutWithoutCancellationToken = new(
            "RES0014",
            "[Timeout] on a method without a CancellationToken parameter",
            "'{0}' has [Timeout] but no CancellationToken parameter; on timeout its work is abandoned, not cancelled",
            Category,
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true,
            helpLinkUri: HelpLinks.For("RES0014"));

        public static readonly DiagnosticDescriptor ConflictingAttributes = Error(
            "RES0015",
            "Conflicting attributes",
            "'{0}' has both [{1}] and [{2}]; {3}");

        public static readonly DiagnosticDescriptor DuplicateFallbackOrder = Error(
            "RES0016",
            "Two fallbacks have the same Order",
            "Fallbacks '{0}' and '{1}' of '{2}' both have Order {3}; give each fallback its own Order");

        public static readonly DiagnosticDescriptor FallbackIsSelf = Error(
            "RES0017",
            "Fallback names the method itself or its implementation",
            "Fallback '{0}' of '{1}' is the method itself or its implementation; name a different method");

        public static readonly DiagnosticDescriptor InvalidShouldRetry = Error(
            "RES0018",
            "ShouldRetry does not name a static bool M(Exception) method",
            "ShouldRetry of [Retry] on '{0}' names '{1}', which is not a 'static bool {1}(Exception)' method of type '{2}'");

        public static readonly DiagnosticDescriptor UnsupportedTarget = Error(
            "RES0019",
            "Resilience attributes on a member the generator cannot complete",
            "'{0}' is {1}; resilience attributes only take effect on partial methods of classes, structs and records");

        public static readonly DiagnosticDescriptor RefStructParameterInAsyncMethod = Error(
            "RES0020",
            "Ref struct parameter on an asynchronous method",
            "Parameter '{0}' of '{1}' is of type '{2}', a ref struct, which the generated async body cannot hold across an await; pass a Memory<T>, an array or a class");

        public static readonly DiagnosticDescriptor GenericDurableMethod = Error(
            "RES0021",
            "[Idempotent] or [Checkpoint] on a generic method",
            "'{0}' has [{1}] and is generic; the stored result's type must be fixed, so make '{0}' non-generic");

        public static readonly DiagnosticDescriptor RuntimeTooOld = Error(
            "RES0022",
            "The referenced Resilience.Runtime does not match the generator",
            "'{0}' needs '{1}', which the referenced Resilience.Runtime does not have; reference the Resilience.Runtime version that matches the generator");

        public static readonly DiagnosticDescriptor InvalidCheckpointState = Error(
            "RES0023",
            "[CheckpointState] member cannot be restored",
            "'{0}' is marked [CheckpointState] but is not a writable instance field or a property with get and set, so a resumed workflow cannot restore it");

        public static readonly DiagnosticDescriptor InvalidResultPredicate = Error(
            "RES0030",
            "Result predicate does not name a bool M(TResult) method",
            "{1} of [{2}] on '{0}' names '{3}', which is not a 'bool {3}({4})' method of type '{5}'{6}");

        public static readonly DiagnosticDescriptor InvalidRetryAfter = Error(
            "RES0031",
            "RetryAfter does not name a TimeSpan? M(TResult) or TimeSpan? M(Exception) method",
            "RetryAfter of [Retry] on '{0}' names '{1}', which is neither 'TimeSpan? {1}({2})' nor 'TimeSpan? {1}(Exception)' of type '{3}'{4}");

        public static readonly DiagnosticDescriptor InvalidOnRetry = Error(
            "RES0032",
            "OnRetry does not name a void M(RetryAttempt<TResult>) method",
            "OnRetry of [Retry] on '{0}' names '{1}', which is not a 'void {1}({2} attempt)' method of type '{3}'{4}");

        public static readonly DiagnosticDescriptor InvalidOnStateChange = Error(
            "RES0033",
            "OnStateChange does not name a static void M(CircuitBreakerStateChangedEventArgs) method",
            "OnStateChange of [CircuitBreaker] on '{0}' names '{1}', which is not a 'static void {1}(CircuitBreakerStateChangedEventArgs change)' method of type '{2}'");

        public static readonly DiagnosticDescriptor InvalidSamplingCalls = Error(
            "RES0034",
            "SamplingCalls needs FailureRatio and excludes SamplingDurationMs",
            "[CircuitBreaker] on '{0}' sets SamplingCalls {1}");

        public static readonly DiagnosticDescriptor DuplicateTimeoutScope = Error(
            "RES0035",
            "Two [Timeout] attributes of the same scope",
            "'{0}' has two [Timeout] attributes with Scope = TimeoutScope.{1}; declare at most one attempt timeout and one overall timeout");

        public static readonly DiagnosticDescriptor ResultOptionWithoutResult = Error(
            "RES0036",
            "Result option on a method without a result",
            "{1} of [{2}] on '{0}' has no effect: '{0}' returns no result to inspect; remove it");

        public static readonly DiagnosticDescriptor InvalidSlowCallRatio = Error(
            "RES0037",
            "SlowCallRatio needs SlowCallMs and a ratio mode",
            "[CircuitBreaker] on '{0}' sets SlowCallRatio {1}");

        // RES0046–RES0049 and RES0054: a stored result or checkpoint state that cannot round-trip (StoredTypes.cs).
        // RES0050–RES0053 are [LastKnownGood]'s.
        public static readonly DiagnosticDescriptor StoredTypeNotReadable = Error(
            "RES0046",
            "Stored type cannot be read back as itself",
            "'{0}' stores a value of type '{1}' that cannot be read back as itself: {2}; declare a concrete type, or list the derived types with [JsonDerivedType]");

        public static readonly DiagnosticDescriptor StoredMemberNotSettable = Error(
            "RES0047",
            "Stored member cannot be set back",
            "'{0}' stores a value of type '{1}' that cannot be read back as itself: {2}, so it would read back as its default; make it settable or [JsonInclude] the field, or add a constructor parameter named '{3}'");

        public static readonly DiagnosticDescriptor StoredTypeWithoutConstructor = Error(
            "RES0048",
            "Stored type has no constructor the serializer can use",
            "'{0}' stores a value of type '{1}' that cannot be read back as itself: '{2}' {3}; add a public parameterless constructor, or mark the constructor to use with [JsonConstructor] and name each parameter after a stored member");

        public static readonly DiagnosticDescriptor StoredTypeCycle = Error(
            "RES0049",
            "Stored type contains itself by construction",
            "'{0}' stores a value of type '{1}' that cannot be stored: '{2}' holds another '{2}' through the non-nullable members {3}, so every value is a reference cycle or infinitely deep; make one of these members nullable or a collection, or [JsonIgnore] it");

        public static readonly DiagnosticDescriptor StoredTypeUnsupported = Error(
            "RES0054",
            "Stored type has a member the serializer does not support",
            "'{0}' stores a value of type '{1}' that cannot be stored: {2} is of type '{3}', {4}, which System.Text.Json does not serialize; mark the member [JsonIgnore] or store a serializable representation");

        public static readonly DiagnosticDescriptor LastKnownGoodWithoutResult = Error(
            "RES0050",
            "[LastKnownGood] on a method without a result",
            "'{0}' has [LastKnownGood] but returns no result to store and serve when a call fails; remove the attribute, or return the value callers need");

        public static readonly DiagnosticDescriptor InvalidLastKnownGoodMaxAge = Error(
            "RES0051",
            "[LastKnownGood] MaxAgeSeconds is not positive",
            "MaxAgeSeconds of [LastKnownGood] on '{0}' is {1}; it must be 1 or more, or no stored value could ever be served");

        public static readonly DiagnosticDescriptor UnstorableLastKnownGoodResult = Error(
            "RES0052",
            "[LastKnownGood] result type cannot be stored",
            "'{0}' has [LastKnownGood] but its result type '{1}' {2}; return a concrete type that round-trips through JSON");

        public static readonly DiagnosticDescriptor InvalidLastKnownGoodKey = Error(
            "RES0053",
            "Last-known-good key template is invalid",
            "Key of [LastKnownGood] on '{0}': {1}");

        /// <summary>Every usage descriptor, for lookup by ID.</summary>
        public static readonly DiagnosticDescriptor[] All =
        {
            MethodNotPartial, TypeNotPartial, MissingCore, CoreMismatch, FallbackNotFound, FallbackIncompatible, InvalidValue,
            NotAnExceptionType, UnknownKeyPlaceholder, CheckpointWithoutWorkflowId, UnsupportedParameter, UnsupportedReturnType,
            AsyncVoidCore, TimeoutWithoutCancellationToken, ConflictingAttributes, DuplicateFallbackOrder, FallbackIsSelf,
            InvalidShouldRetry, UnsupportedTarget, RefStructParameterInAsyncMethod, GenericDurableMethod, RuntimeTooOld,
            InvalidCheckpointState, InvalidResultPredicate, InvalidRetryAfter, InvalidOnRetry, InvalidOnStateChange,
            InvalidSamplingCalls, DuplicateTimeoutScope, ResultOptionWithoutResult, InvalidSlowCallRatio,
            ProxyDiagnostics.NotPartial, ProxyDiagnostics.NotAnInterface, ProxyDiagnostics.NoMatchingMember, ProxyDiagnostics.CannotForward,
            ProxyDiagnostics.DeclareOnProxy, ProxyDiagnostics.UselessOptOut,
            LastKnownGoodWithoutResult, InvalidLastKnownGoodMaxAge, UnstorableLastKnownGoodResult, InvalidLastKnownGoodKey,
            StoredTypeNotReadable, StoredMemberNotSettable, StoredTypeWithoutConstructor, StoredTypeCycle, StoredTypeUnsupported,
        };

        public static DiagnosticDescriptor? ById(string id)
        {
            foreach (DiagnosticDescriptor descriptor in All)
            {
                if (descriptor.Id == id)
                {
                    return descriptor;
                }
            }

            return null;
        }

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinks.For(id));
    }
}
