using Resilience.Shared;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// The RES1xxx descriptors: non-idempotent work in code that runs more than once (category <c>Resilience.Idempotency</c>).
    /// Each ID has a page at <c>docs/diagnostics/&lt;ID&gt;.md</c>.
    /// </summary>
    /// <remarks>
    /// Hazards reached through calls are reported when the whole call graph is known (compilation end); hazards in a
    /// root's own {Name}Core are reported as soon as that method is analysed, so the IDE shows them while typing.
    /// The two descriptors of a rule differ only in that tag.
    /// </remarks>
    internal static class HazardDescriptors
    {
        // Same base as the usage rules' links (DiagnosticDescriptors); kept here so the two files change independently.

        private const string CompoundAssignmentTitle = "Relative change to shared state in code that runs again";
        private const string InterlockedTitle = "Atomic delta on shared state in code that runs again";
        private const string ReadModifyWriteTitle = "Value read and written back with a relative change in code that runs again";
        private const string SqlTitle = "Relative SQL update in code that runs again";
        private const string CollectionTitle = "Adding to a shared collection in code that runs again";
        private const string HttpTitle = "HTTP POST/PATCH without an Idempotency-Key header in code that runs again";

        private const string ApiTitle = "Non-idempotent API called in code that runs again";
        private const string InsertTitle = "SQL that adds rows or consumes a sequence in code that runs again";
        private const string UpdateFunctionTitle = "Relative update function on shared state in code that runs again";
        private const string PerAttemptKeyTitle = "Idempotency key generated inside the attempt";
        private const string InputMutationTitle = "Caller's input destroyed in code that runs again";
        private const string RelativeNameTitle = "External call whose name and signature suggest a relative change";

        private static readonly string[] CompilationEndTags = { WellKnownDiagnosticTags.CompilationEnd };

        // The release-tracking analyzer reads these field initializers: each descriptor is a field created with a literal ID.
        public static readonly DiagnosticDescriptor CompoundAssignmentOnSharedState = Hazard("RES1001", CompoundAssignmentTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor InterlockedDeltaOnSharedState = Hazard("RES1002", InterlockedTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor ReadModifyWriteOfSharedValue = Hazard("RES1003", ReadModifyWriteTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor RelativeSqlUpdateStatement = Hazard("RES1004", SqlTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor AddToSharedCollectionCall = Hazard("RES1005", CollectionTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor HttpPostWithoutKey = Hazard("RES1006", HttpTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor NonIdempotentApiCall = Hazard("RES1007", ApiTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor SqlInsertWithoutConflictHandling = Hazard("RES1008", InsertTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor RelativeUpdateFunctionCall = Hazard("RES1009", UpdateFunctionTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor PerAttemptIdempotencyKeyValue = Hazard("RES1010", PerAttemptKeyTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor CallerInputMutation = Hazard("RES1011", InputMutationTitle, CompilationEndTags);
        public static readonly DiagnosticDescriptor RelativeNameCall = Heuristic("RES1012", RelativeNameTitle, CompilationEndTags);

        public static readonly DiagnosticDescriptor CompoundAssignmentOnSharedStateInRoot = Hazard("RES1001", CompoundAssignmentTitle);
        public static readonly DiagnosticDescriptor InterlockedDeltaOnSharedStateInRoot = Hazard("RES1002", InterlockedTitle);
        public static readonly DiagnosticDescriptor ReadModifyWriteOfSharedValueInRoot = Hazard("RES1003", ReadModifyWriteTitle);
        public static readonly DiagnosticDescriptor RelativeSqlUpdateStatementInRoot = Hazard("RES1004", SqlTitle);
        public static readonly DiagnosticDescriptor AddToSharedCollectionCallInRoot = Hazard("RES1005", CollectionTitle);
        public static readonly DiagnosticDescriptor HttpPostWithoutKeyInRoot = Hazard("RES1006", HttpTitle);
        public static readonly DiagnosticDescriptor NonIdempotentApiCallInRoot = Hazard("RES1007", ApiTitle);
        public static readonly DiagnosticDescriptor SqlInsertWithoutConflictHandlingInRoot = Hazard("RES1008", InsertTitle);
        public static readonly DiagnosticDescriptor RelativeUpdateFunctionCallInRoot = Hazard("RES1009", UpdateFunctionTitle);
        public static readonly DiagnosticDescriptor PerAttemptIdempotencyKeyValueInRoot = Hazard("RES1010", PerAttemptKeyTitle);
        public static readonly DiagnosticDescriptor CallerInputMutationInRoot = Hazard("RES1011", InputMutationTitle);
        public static readonly DiagnosticDescriptor RelativeNameCallInRoot = Heuristic("RES1012", RelativeNameTitle);

        public static readonly HazardRuleDescriptors CompoundAssignment = new(CompoundAssignmentOnSharedState, CompoundAssignmentOnSharedStateInRoot);
        public static readonly HazardRuleDescriptors InterlockedDelta = new(InterlockedDeltaOnSharedState, InterlockedDeltaOnSharedStateInRoot);
        public static readonly HazardRuleDescriptors ReadModifyWrite = new(ReadModifyWriteOfSharedValue, ReadModifyWriteOfSharedValueInRoot);
        public static readonly HazardRuleDescriptors RelativeSqlUpdate = new(RelativeSqlUpdateStatement, RelativeSqlUpdateStatementInRoot);
        public static readonly HazardRuleDescriptors AddToSharedCollection = new(AddToSharedCollectionCall, AddToSharedCollectionCallInRoot);
        public static readonly HazardRuleDescriptors HttpPostWithoutIdempotencyKey = new(HttpPostWithoutKey, HttpPostWithoutKeyInRoot);
        public static readonly HazardRuleDescriptors NonIdempotentApi = new(NonIdempotentApiCall, NonIdempotentApiCallInRoot);
        public static readonly HazardRuleDescriptors SqlInsert = new(SqlInsertWithoutConflictHandling, SqlInsertWithoutConflictHandlingInRoot);
        public static readonly HazardRuleDescriptors RelativeUpdateFunction = new(RelativeUpdateFunctionCall, RelativeUpdateFunctionCallInRoot);
        public static readonly HazardRuleDescriptors PerAttemptIdempotencyKey = new(PerAttemptIdempotencyKeyValue, PerAttemptIdempotencyKeyValueInRoot);
        public static readonly HazardRuleDescriptors DestructiveInputMutation = new(CallerInputMutation, CallerInputMutationInRoot);
        public static readonly HazardRuleDescriptors RelativeName = new(RelativeNameCall, RelativeNameCallInRoot);

        /// <summary>Every RES1xxx descriptor (both variants of each rule).</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
            CompoundAssignmentOnSharedState,
            InterlockedDeltaOnSharedState,
            ReadModifyWriteOfSharedValue,
            RelativeSqlUpdateStatement,
            AddToSharedCollectionCall,
            HttpPostWithoutKey,
            NonIdempotentApiCall,
            SqlInsertWithoutConflictHandling,
            RelativeUpdateFunctionCall,
            PerAttemptIdempotencyKeyValue,
            CallerInputMutation,
            RelativeNameCall,
            CompoundAssignmentOnSharedStateInRoot,
            InterlockedDeltaOnSharedStateInRoot,
            ReadModifyWriteOfSharedValueInRoot,
            RelativeSqlUpdateStatementInRoot,
            AddToSharedCollectionCallInRoot,
            HttpPostWithoutKeyInRoot,
            NonIdempotentApiCallInRoot,
            SqlInsertWithoutConflictHandlingInRoot,
            RelativeUpdateFunctionCallInRoot,
            PerAttemptIdempotencyKeyValueInRoot,
            CallerInputMutationInRoot,
            RelativeNameCallInRoot);

        // All hazards share one message shape: '{member}' {operation}, and it runs again on {root phrase}.
        private static DiagnosticDescriptor Hazard(string id, string title, params string[] tags) => Create(id, title, DiagnosticSeverity.Warning, tags);

        // A guess from a name and a signature: reported at Info, so users tune it in .editorconfig.
        private static DiagnosticDescriptor Heuristic(string id, string title, params string[] tags) => Create(id, title, DiagnosticSeverity.Info, tags);

        private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity, params string[] tags) =>
            new DiagnosticDescriptor(
                id,
                title,
                "'{0}' {1}, and it runs again on {2}",
                DiagnosticCategories.Idempotency,
                severity,
                isEnabledByDefault: true,
                helpLinkUri: HelpLinks.For(id),
                customTags: tags);
    }

    /// <summary>The two descriptors of one hazard rule: reported at compilation end (through calls) and live (in a root's own Core).</summary>
    internal sealed class HazardRuleDescriptors
    {
        public HazardRuleDescriptors(DiagnosticDescriptor throughCalls, DiagnosticDescriptor inRoot)
        {
            ThroughCalls = throughCalls;
            InRoot = inRoot;
        }

        public string Id => ThroughCalls.Id;

        /// <summary>Tagged compilation-end: needs the whole call graph.</summary>
        public DiagnosticDescriptor ThroughCalls { get; }

        /// <summary>In a root's own <c>{Name}Core</c>: reported while the method is analysed.</summary>
        public DiagnosticDescriptor InRoot { get; }
    }
}
