using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// The call-graph walk: from the <c>{Name}Core</c> of every root (a <c>[Retry]</c>/<c>[Checkpoint]</c> method that is not
    /// <c>[Idempotent]</c>), breadth-first through the summarised bodies, each method visited once; calls through
    /// interface, abstract and virtual members continue into every implementation/override in the compilation (lambdas
    /// and local functions are part of the body that contains them). Roots are walked in name order so the first root
    /// by name claims every method it reaches (deterministic messages).
    /// </summary>
    /// <remarks>
    /// Calls to an annotated partial method are followed into its <c>{Name}Core</c> only (never into its fallbacks), and
    /// not at all when it is <c>[Idempotent]</c> (a repeated call replays the stored result).
    /// </remarks>
    internal sealed class CallGraph
    {
        /// <summary>
        /// The walk stops after this many methods: a bound on the work at compilation end for huge solutions (the
        /// hazards of the methods reached so far are still reported).
        /// </summary>
        public const int MaxMethods = 50_000;

        private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _implementations;

        private CallGraph(Dictionary<IMethodSymbol, IMethodSymbol> owners, Dictionary<IMethodSymbol, List<IMethodSymbol>> implementations)
        {
            Owners = owners;
            _implementations = implementations;
        }

        /// <summary>Every method reachable from a root, mapped to the root that reaches it first.</summary>
        public Dictionary<IMethodSymbol, IMethodSymbol> Owners { get; }

        /// <summary>Does the compilation have a body for this abstract, virtual or interface member (an override or implementation)?</summary>
        public bool IsImplemented(IMethodSymbol member) => _implementations.ContainsKey(Normalize(member));

        public static CallGraph Walk(
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

            var implementations = IndexImplementations(facts.Keys, cancellationToken);
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
                while (queue.Count > 0 && owners.Count < MaxMethods)
                {
                    var method = queue.Dequeue();

                    // A call through an interface, abstract or virtual member runs one of the bodies that implement it.
                    if (implementations.TryGetValue(method, out var bodies))
                    {
                        foreach (var body in bodies)
                        {
                            if (!owners.ContainsKey(body))
                            {
                                owners.Add(body, root);
                                queue.Enqueue(body);
                            }
                        }
                    }

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

            return new CallGraph(owners, implementations);
        }

        // Interface member / overridden member -> the summarised bodies that implement or override it.
        private static Dictionary<IMethodSymbol, List<IMethodSymbol>> IndexImplementations(IEnumerable<IMethodSymbol> methods, CancellationToken cancellationToken)
        {
            var index = new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
            void Add(IMethodSymbol member, IMethodSymbol body)
            {
                var key = Normalize(member);
                if (!index.TryGetValue(key, out var list))
                {
                    index.Add(key, list = new List<IMethodSymbol>());
                }

                list.Add(body);
            }

            foreach (var method in methods)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (method.IsStatic || method.ContainingType is not { } type || method.MethodKind is MethodKind.Constructor or MethodKind.StaticConstructor)
                {
                    continue;
                }

                if (method.OverriddenMethod is { } overridden)
                {
                    Add(overridden, method);
                }

                foreach (var explicitMember in method.ExplicitInterfaceImplementations)
                {
                    Add(explicitMember, method);
                }

                if (type.TypeKind == TypeKind.Interface || method.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                foreach (var @interface in type.AllInterfaces)
                {
                    foreach (var member in @interface.GetMembers(method.Name))
                    {
                        if (member is IMethodSymbol interfaceMethod
                            && type.FindImplementationForInterfaceMember(interfaceMethod) is IMethodSymbol implementation
                            && SymbolEqualityComparer.Default.Equals(Normalize(implementation), method))
                        {
                            Add(interfaceMethod, method);
                        }
                    }
                }
            }

            return index;
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
