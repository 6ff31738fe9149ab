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
    /// Hazard rules RES1xxx: non-idempotent work in code that runs more than once.
    /// </summary>
    /// <remarks>
    /// Every method body of the compilation is summarised once (<see cref="HazardCollector"/>: calls + candidate hazards
    /// found by the rules in <c>Hazards/Rules</c>) as the compiler analyses it; at compilation end <see cref="CallGraph"/>
    /// decides which summaries are reachable from a root and names the first root that reaches each one. Hazards in a
    /// root's own <c>{Name}Core</c> need no call graph and are reported at once (live in the IDE).
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class IdempotencyHazardAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = HazardDescriptors.All;

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            // Generated files are recognised by GeneratedCode, not by Roslyn: the generator's [GeneratedCode] on the
            // implementation part would otherwise hide the annotated methods (the roots) themselves.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var context = HazardContext.Create(start.Compilation, start.Options, start.CancellationToken);
                if (context is null)
                {
                    return;
                }

                var known = context.Known;

                var generated = new GeneratedCode();
                var roots = new ConcurrentBag<IMethodSymbol>();
                var facts = new ConcurrentDictionary<IMethodSymbol, MethodFacts>(SymbolEqualityComparer.Default);
                var reportedInRoot = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

                start.RegisterSymbolAction(
                    c =>
                    {
                        if (CallGraph.IsRoot((IMethodSymbol)c.Symbol, known))
                        {
                            roots.Add((IMethodSymbol)c.Symbol);
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

                    var collected = new HazardCollector(context, method).Collect(c.OperationBlocks);
                    var key = CallGraph.Normalize(method);
                    facts.AddOrUpdate(key, collected, (_, existing) => existing.Merge(collected));

                    if (collected.Hazards.Count > 0 && CallGraph.OwnRoot(method, known) is { } root)
                    {
                        reportedInRoot.TryAdd(key, true);
                        var rootPhrase = CallGraph.RootPhrase(root, known);
                        foreach (var hazard in collected.Hazards)
                        {
                            if (hazard.UnlessImplemented is not null)
                            {
                                continue; // decided at compilation end, when every implementation is known
                            }

                            c.ReportDiagnostic(Diagnostic.Create(hazard.Rule.InRoot, hazard.Location, collected.MemberName, hazard.Operation, rootPhrase));
                        }
                    }
                });

                start.RegisterCompilationEndAction(c =>
                {
                    var graph = CallGraph.Walk(roots, facts, known, c.CancellationToken);
                    var reported = new HashSet<(string, Location)>();
                    foreach (var pair in graph.Owners)
                    {
                        if (!facts.TryGetValue(pair.Key, out var methodFacts))
                        {
                            continue;
                        }

                        var live = reportedInRoot.ContainsKey(pair.Key);

                        var rootPhrase = CallGraph.RootPhrase(pair.Value, known);
                        // Name the member's type when it is not the root's: "'FlakyApi.GetAsync' ... every retry of 'ForecastAsync'".
                        var member = methodFacts.ContainingType is { } type && !SymbolEqualityComparer.Default.Equals(type, pair.Value.ContainingType)
                            && methodFacts.MemberName != type.Name
                            ? type.Name + "." + methodFacts.MemberName
                            : methodFacts.MemberName;
                        foreach (var hazard in methodFacts.Hazards)
                        {
                            if ((live && hazard.UnlessImplemented is null)
                                || (hazard.UnlessImplemented is { } callee && graph.IsImplemented(callee)))
                            {
                                continue;
                            }

                            if (reported.Add((hazard.Rule.Id, hazard.Location)))
                            {
                                c.ReportDiagnostic(Diagnostic.Create(hazard.Rule.ThroughCalls, hazard.Location, member, hazard.Operation, rootPhrase));
                            }
                        }
                    }
                });
            });
        }
    }
}
