using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Writes the bodies of partial methods annotated with the Resilience attributes and reports the usage diagnostics
    /// RES0001–RES0029. Each attribute has its own <c>ForAttributeWithMetadataName</c> pipeline; a method is parsed by the
    /// pipeline of its outermost attribute only, so every method yields one file and one set of diagnostics. The parse
    /// yields both (<see cref="ParseResult"/>); specs go to a source output that stays cached across unrelated edits,
    /// diagnostics to their own output — the LoggerMessage generator's shape, so the usage errors appear on the command
    /// line even when the compilation has errors (analyzers are not run then). Parsing starts in <see cref="MethodParser"/>,
    /// emitting in <see cref="MethodEmitter"/>; each policy's part lives in <c>Policies/{Policy}/</c> (see docs/architecture.md).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ResilienceGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var perAttribute = new List<IncrementalValuesProvider<ImmutableEquatableArray<DiagnosticInfo>>>();
            foreach (string attribute in AttributeNames.All)
            {
                string primary = attribute;
                IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        primary,
                        static (node, _) => node is MethodDeclarationSyntax,
                        (context, cancellationToken) => MethodParser.Parse(context.TargetSymbol, context.TargetNode, context.SemanticModel.Compilation, primary, cancellationToken))
                    .Where(static result => result is not null)!;

                IncrementalValuesProvider<MethodSpec> methods = results
                    .Select(static (result, _) => result.Spec)
                    .WithTrackingName(TrackingNames.Methods)
                    .Where(static spec => spec is not null)!;

                context.RegisterSourceOutput(
                    methods.WithTrackingName(TrackingNames.Output),
                    static (context, spec) => context.AddSource(spec.HintName, SourceText.From(MethodEmitter.Emit(spec), System.Text.Encoding.UTF8)));

                perAttribute.Add(results.Select(static (result, _) => result.Diagnostics).Where(static d => d.Count > 0));
            }

            perAttribute.Add(context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => UnsupportedTargets.IsCandidate(node), static (context, cancellationToken) => UnsupportedTargets.Check(context, cancellationToken))
                .Where(static d => d.Count > 0));

            foreach (string attribute in ClassLevelPolicies.Kinds)
            {
                string primary = attribute;
                IncrementalValuesProvider<ParseResult> classResults = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        primary,
                        static (node, _) => node is ClassDeclarationSyntax,
                        (context, cancellationToken) => ClassLevelPolicies.Parse(context.TargetSymbol, context.SemanticModel.Compilation, primary, cancellationToken))
                    .WithTrackingName(TrackingNames.ClassMethods)
                    .SelectMany(static (results, _) => results);
                IncrementalValuesProvider<MethodSpec> methods = classResults.Select(static (result, _) => result.Spec!);

                context.RegisterSourceOutput(
                    methods.WithTrackingName(TrackingNames.Output),
                    static (context, spec) => context.AddSource(spec.HintName, SourceText.From(MethodEmitter.Emit(spec), System.Text.Encoding.UTF8)));

                perAttribute.Add(classResults.Select(static (result, _) => result.Diagnostics).Where(static d => d.Count > 0));
            }

            IncrementalValuesProvider<ProxySpec> proxies = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ProxyParser.ResilientProxy,
                    static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                    static (context, cancellationToken) => ProxyParser.Parse(context.TargetSymbol, context.TargetNode, context.SemanticModel.Compilation, cancellationToken))
                .WithTrackingName(TrackingNames.Proxies)
                .Where(static spec => spec is not null)!;

            context.RegisterSourceOutput(proxies.WithTrackingName(TrackingNames.ProxyOutput), static (context, spec) => EmitProxy(context, spec));
            perAttribute.Add(proxies.Select(static (spec, _) => spec.Diagnostics).Where(static d => d.Count > 0));

            // One diagnostics output for every pipeline: the same diagnostic (RES0002 on a type with two annotated methods)
            // is reported once. It is located in the compilation's syntax trees, so #pragma and code fixes apply to it.
            IncrementalValueProvider<ImmutableArray<ImmutableEquatableArray<DiagnosticInfo>>> all = perAttribute[0].Collect();
            for (int i = 1; i < perAttribute.Count; i++)
            {
                all = all.Combine(perAttribute[i].Collect()).Select(static (pair, _) => pair.Left.AddRange(pair.Right));
            }

            context.RegisterSourceOutput(
                all.WithTrackingName(TrackingNames.Diagnostics).Combine(context.CompilationProvider),
                static (context, input) => ReportDiagnostics(context, input.Left, input.Right));
        }

        private static void ReportDiagnostics(SourceProductionContext context, ImmutableArray<ImmutableEquatableArray<DiagnosticInfo>> diagnostics, Compilation compilation)
        {
            if (diagnostics.IsEmpty)
            {
                return;
            }

            var trees = new Dictionary<string, SyntaxTree>();
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                trees[tree.FilePath] = tree;
            }

            var reported = new HashSet<DiagnosticInfo>();
            foreach (DiagnosticInfo diagnostic in diagnostics.SelectMany(d => d))
            {
                if (reported.Add(diagnostic))
                {
                    context.ReportDiagnostic(diagnostic.ToDiagnostic(trees));
                }
            }
        }

        private static void EmitProxy(SourceProductionContext context, ProxySpec spec)
        {
            if (!spec.CanEmit)
            {
                return;
            }

            context.AddSource(spec.HintName, SourceText.From(ProxyEmitter.Emit(spec), System.Text.Encoding.UTF8));
            foreach (MethodSpec method in spec.PolicyMethods)
            {
                context.AddSource(method.HintName, SourceText.From(MethodEmitter.Emit(method), System.Text.Encoding.UTF8));
            }
        }
    }
}
