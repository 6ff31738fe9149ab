using Microsoft.CodeAnalysis;
using Resilience.Shared;

namespace Resilience.Analyzers
{
    /// <summary>
    /// The hazard diagnostics RES1xxx (category <c>Resilience.Idempotency</c>): code that runs more than once. The usage
    /// rules RES0xxx are the generator's (Resilience.Generator/Common/UsageDescriptors.cs).
    /// Each ID has a page at <c>docs/diagnostics/&lt;ID&gt;.md</c>.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        // Hazards reached through calls are reported when the whole call graph is known (compilation end); hazards in a
        // root's own {Name}Core are reported as soon as that method is analysed, so the IDE shows them while typing.
        // The two descriptors of a rule differ only in that tag.
        private static readonly string[] CompilationEndTags = { WellKnownDiagnosticTags.CompilationEnd };

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

        // All hazards share one message shape: '{member}' {operation}, and it runs again on {root phrase}.
        private static DiagnosticDescriptor Hazard(string id, string title, params string[] tags) =>
            new DiagnosticDescriptor(
                id,
                title,
                "'{0}' {1}, and it runs again on {2}",
                DiagnosticCategories.Idempotency,
                DiagnosticSeverity.Warning,
                isEnabledByDefault: true,
                helpLinkUri: HelpLinks.For(id),
                customTags: tags);
    }
}
