using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// The call-graph walk: from the <c>{Name}Core</c> of every root (a <c>[Retry]</c>/<c>[Checkpoint]</c> method that is not
    /// <c>[Idempotent]</c>), breadth-first through the summarised bodies, each method visited once. Roots are walked in
    /// name order so the first root by name claims every method it reaches (deterministic messages).
    /// </summary>
    /// <remarks>
    /// Calls to an annotated partial method are followed into its <c>{Name}Core</c> only (never into its fallbacks), and
    /// not at all when it is <c>[Idempotent]</c> (a repeated call replays the stored result).
    /// </remarks>
    internal static class CallGraph
    {
        /// <summary>Maps every method reachable from a root to the root that reaches it first.</summary>
        public static Dictionary<IMethodSymbol, IMethodSymbol> Walk(
            IEnumerable<IMethodSymbol> roots,
            IReadOnlyDictionary<IMethodSymbol, MethodFacts> facts,
            KnownSymbols known,
            CancellationToken cancellationToken)
        {
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
                cancellationToken.ThrowIfCancellationRequested();
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

            return owners;
        }

        /// <summary>"every retry of 'PlaceOrderAsync'" / "every re-run of checkpointed step 'ShipAsync'".</summary>
        public static string RootPhrase(IMethodSymbol root, KnownSymbols known) =>
            KnownSymbols.HasAttribute(root, known.Retry)
                ? "every retry of '" + root.Name + "'"
                : "every re-run of checkpointed step '" + root.Name + "'";

        public static bool IsRoot(IMethodSymbol method, KnownSymbols known) =>
            method.MethodKind == MethodKind.Ordinary
            && (KnownSymbols.HasAttribute(method, known.Retry) || KnownSymbols.HasAttribute(method, known.Checkpoint))
            && !KnownSymbols.HasAttribute(method, known.Idempotent);

        /// <summary>The root whose <c>{Name}Core</c> this method is, if any.</summary>
        public static IMethodSymbol? OwnRoot(IMethodSymbol method, KnownSymbols known)
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
                    && IsRoot(candidate, known)
                    && KnownSymbols.FindCore(candidate) is { } core
                    && SymbolEqualityComparer.Default.Equals(Normalize(core), self))
                {
                    return candidate;
                }
            }

            return null;
        }

        public static IMethodSymbol Normalize(IMethodSymbol method) => (method.PartialDefinitionPart ?? method).OriginalDefinition;

        // A call into an annotated partial method runs its generated body: follow it into {Name}Core only,
        // and stop at [Idempotent] methods.
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
    }
}
