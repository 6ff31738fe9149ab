using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers
{
    /// <summary>
    /// The usage rules RES0xxx (category <c>Resilience.Usage</c>); the hazards RES1xxx are in
    /// <see cref="Hazards.HazardDescriptors"/>. IDs are stable.
    /// Each ID has a page at <c>docs/diagnostics/&lt;ID&gt;.md</c>.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        private const string HelpBase = "https://github.com/resilience-generators/resilience-generators/blob/main/docs/diagnostics/";

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

        private static DiagnosticDescriptor Usage(string id, string title, string message) =>
            new DiagnosticDescriptor(
                id,
                title,
                message,
                DiagnosticCategories.Usage,
                DiagnosticSeverity.Error,
                isEnabledByDefault: true,
                helpLinkUri: HelpBase + id + ".md");
    }
}
