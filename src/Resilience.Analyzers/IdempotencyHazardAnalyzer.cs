using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Resilience.Analyzers.Hazards;

namespace Resilience.Analyzers
{
    /// <summary>
    /// Hazard rules RES1001–RES1006: non-idempotent work in code that runs more than once.
    /// </summary>
    /// <remarks>
    /// Roots are the <c>{Name}Core</c> implementations of methods marked <c>[Retry]</c> or <c>[Checkpoint]</c> (and not
    /// <c>[Idempotent]</c>). Every method body of the compilation is summarised once (calls + candidate hazards) as the
    /// compiler analyses it; at compilation end a breadth-first walk from the roots, in root-name order, decides which
    /// summaries are reachable and names the first root that reaches each one. Calls to an annotated partial method are
    /// followed into its <c>{Name}Core</c> only (never into its fallbacks), and not at all when it is <c>[Idempotent]</c>.
    /// </remarks>
    [DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
    public sealed class IdempotencyHazardAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.CompoundAssignmentOnSharedState,
            DiagnosticDescriptors.InterlockedDelta,
            DiagnosticDescriptors.ReadModifyWrite,
            DiagnosticDescriptors.RelativeSqlUpdate,
            DiagnosticDescriptors.AddToSharedCollection,
            DiagnosticDescriptors.HttpPostWithoutIdempotencyKey,
            DiagnosticDescriptors.CompoundAssignmentOnSharedStateInRoot,
            DiagnosticDescriptors.InterlockedDeltaInRoot,
            DiagnosticDescriptors.ReadModifyWriteInRoot,
            DiagnosticDescriptors.RelativeSqlUpdateInRoot,
            DiagnosticDescriptors.AddToSharedCollectionInRoot,
            DiagnosticDescriptors.HttpPostWithoutIdempotencyKeyInRoot);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            // Generated files are recognised by GeneratedCode, not by Roslyn: the generator's [GeneratedCode] on the
            // implementation part would otherwise hide the annotated methods (the roots) themselves.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = KnownSymbols.Create(start.Compilation);
                if (known is null)
                {
                    return;
                }

                var generated = new GeneratedCode();
                var roots = new ConcurrentBag<IMethodSymbol>();
                var facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
                var reportedInRoot = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

                start.RegisterSymbolAction(
                    c =>
                    {
                        var method = (IMethodSymbol)c.Symbol;
                        if (method.MethodKind == MethodKind.Ordinary
                            && (KnownSymbols.HasAttribute(method, known.Retry) || KnownSymbols.HasAttribute(method, known.Checkpoint))
                            && !KnownSymbols.HasAttribute(method, known.Idempotent))
                        {
                            roots.Add(method);
                        }
                    },
                    SymbolKind.Method);

                start.RegisterOperationBlockAction(c =>
                {
                    // Generated bodies (the retry loops) are not the user's work; calls into them are followed to {Name}Core.
                    if (c.OwningSymbol is not IMethodSymbol method || c.OperationBlocks.IsEmpty
                        || generated.IsGenerated(c.OperationBlocks[0].Syntax?.SyntaxTree, c.CancellationToken))
                    {
                        return;
                    }

                    var collected = new HazardCollector(known, method).Collect(c.OperationBlocks);
                    var key = Normalize(method);
                    facts.AddOrUpdate(key, collected, (_, existing) => existing.Merge(collected));

                    // The hazards of a root's own {Name}Core need no call graph: report them now (live in the IDE).
                    if (collected.Hazards.Count > 0 && OwnRoot(method, known) is { } root)
                    {
                        reportedInRoot.TryAdd(key, true);
                        var rootPhrase = RootPhrase(root, known);
                        foreach (var hazard in collected.Hazards)
                        {
                            c.ReportDiagnostic(Diagnostic.Create(
                                DiagnosticDescriptors.InRoot(hazard.Descriptor), hazard.Location, collected.MemberName, hazard.Operation, rootPhrase));
                        }
                    }
                });

                start.RegisterCompilationEndAction(c => Report(c, known, roots, facts, reportedInRoot));
            });
        }

        private static void Report(
            CompilationAnalysisContext context,
            KnownSymbols known,
            ConcurrentBag<IMethodSymbol> roots,
            ConcurrentDictionary<IMethodSymbol, MethodFacts> facts,
            ConcurrentDictionary<IMethodSymbol, bool> reportedInRoot)
        {
            // Deterministic: the first root by name (then by type) claims every method it reaches.
            var ordered = roots
                .Distinct(SymbolEqualityComparer.Default)
                .Cast<IMethodSymbol>()
                .OrderBy(m => m.Name, StringComparer.Ordinal)
                .ThenBy(m => m.ContainingType?.ToDisplayString() ?? string.Empty, StringComparer.Ordinal)
                .ToList();

            var owners = new Dictionary<IMethodSymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
            var queue = new Queue<IMethodSymbol>();
            foreach (var root in ordered)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                var core = KnownSymbols.FindCore(root);
                if (core is null)
                {
                    continue;
                }

                var start = Normalize(core);
                if (owners.ContainsKey(start))
                {
                    continue;
                }

                owners.Add(start, root);
                queue.Enqueue(start);
                while (queue.Count > 0)
                {
                    var method = queue.Dequeue();
                    if (!facts.TryGetValue(method, out var methodFacts))
                    {
                        continue;
                    }

                    foreach (var call in methodFacts.Calls)
                    {
                        var target = Follow(Normalize(call), known);
                        if (target is not null && !owners.ContainsKey(target))
                        {
                            owners.Add(target, root);
                            queue.Enqueue(target);
                        }
                    }
                }
            }

            var reported = new HashSet<(string, Location)>();
            foreach (var pair in owners)
            {
                if (reportedInRoot.ContainsKey(pair.Key) || !facts.TryGetValue(pair.Key, out var methodFacts))
                {
                    continue;
                }

                var rootPhrase = RootPhrase(pair.Value, known);
                // Name the member's type when it is not the root's: "'FlakyApi.GetAsync' ... every retry of 'ForecastAsync'".
                var member = methodFacts.ContainingType is { } type && !SymbolEqualityComparer.Default.Equals(type, pair.Value.ContainingType)
                    && methodFacts.MemberName != type.Name
                    ? type.Name + "." + methodFacts.MemberName
                    : methodFacts.MemberName;
                foreach (var hazard in methodFacts.Hazards)
                {
                    if (reported.Add((hazard.Descriptor.Id, hazard.Location)))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(hazard.Descriptor, hazard.Location, member, hazard.Operation, rootPhrase));
                    }
                }
            }
        }

        private static string RootPhrase(IMethodSymbol root, KnownSymbols known) =>
            KnownSymbols.HasAttribute(root, known.Retry)
                ? "every retry of '" + root.Name + "'"
                : "every re-run of checkpointed step '" + root.Name + "'";

        // The [Retry]/[Checkpoint] method (not [Idempotent]) whose {Name}Core this method is, if any.
        private static IMethodSymbol? OwnRoot(IMethodSymbol method, KnownSymbols known)
        {
            const string Suffix = "Core";
            if (method.MethodKind != MethodKind.Ordinary || method.ContainingType is null || method.Name.Length <= Suffix.Length
                || !method.Name.EndsWith(Suffix, StringComparison.Ordinal))
            {
                return null;
            }

            var self = Normalize(method);
            foreach (var member in method.ContainingType.GetMembers(method.Name.Substring(0, method.Name.Length - Suffix.Length)))
            {
                if (member is IMethodSymbol candidate
                    && candidate.MethodKind == MethodKind.Ordinary
                    && (KnownSymbols.HasAttribute(candidate, known.Retry) || KnownSymbols.HasAttribute(candidate, known.Checkpoint))
                    && !KnownSymbols.HasAttribute(candidate, known.Idempotent)
                    && KnownSymbols.FindCore(candidate) is { } core
                    && SymbolEqualityComparer.Default.Equals(Normalize(core), self))
                {
                    return candidate;
                }
            }

            return null;
        }

        // A call into an annotated partial method runs its generated body: follow it into {Name}Core only,
        // and stop at [Idempotent] methods (a repeated call replays the stored result).
        private static IMethodSymbol? Follow(IMethodSymbol target, KnownSymbols known)
        {
            if (!known.HasResilienceAttribute(target))
            {
                return target;
            }

            if (KnownSymbols.HasAttribute(target, known.Idempotent))
            {
                return null;
            }

            var core = KnownSymbols.FindCore(target);
            return core is null ? null : Normalize(core);
        }

        internal static IMethodSymbol Normalize(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).OriginalDefinition;
    }
}
