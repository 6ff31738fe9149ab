using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Writes the bodies of partial methods annotated with the Resilience attributes. Each attribute has its own
    /// <c>ForAttributeWithMetadataName</c> pipeline; a method is emitted by the pipeline of its outermost attribute only,
    /// so every method yields exactly one file and an edit elsewhere leaves its output cached.
    /// Parsing starts in <see cref="MethodParser"/>, emitting in <see cref="MethodEmitter"/>; each policy's part lives in
    /// <c>Policies/{Policy}/</c> (docs/architecture.md draws the map).
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ResilienceGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            foreach (string attribute in AttributeNames.All)
            {
                string primary = attribute;
                IncrementalValuesProvider<MethodSpec> methods = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        primary,
                        static (node, _) => node is MethodDeclarationSyntax,
                        (context, cancellationToken) => MethodParser.Parse(context.TargetSymbol, context.TargetNode, context.SemanticModel.Compilation, primary, cancellationToken))
                    .WithTrackingName(TrackingNames.Methods)
                    .Where(static spec => spec is not null)!;

                context.RegisterSourceOutput(
                    methods.WithTrackingName(TrackingNames.Output),
                    static (context, spec) => context.AddSource(spec.HintName, SourceText.From(MethodEmitter.Emit(spec), System.Text.Encoding.UTF8)));
            }

            foreach (string attribute in ClassLevelPolicies.Kinds)
            {
                string primary = attribute;
                IncrementalValuesProvider<MethodSpec> methods = context.SyntaxProvider
                    .ForAttributeWithMetadataName(
                        primary,
                        static (node, _) => node is ClassDeclarationSyntax,
                        (context, cancellationToken) => ClassLevelPolicies.Parse(context.TargetSymbol, context.SemanticModel.Compilation, primary, cancellationToken))
                    .WithTrackingName(TrackingNames.ClassMethods)
                    .SelectMany(static (specs, _) => specs);

                context.RegisterSourceOutput(
                    methods.WithTrackingName(TrackingNames.Output),
                    static (context, spec) => context.AddSource(spec.HintName, SourceText.From(MethodEmitter.Emit(spec), System.Text.Encoding.UTF8)));
            }

            IncrementalValuesProvider<ProxySpec> proxies = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    ProxyParser.ResilientProxy,
                    static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                    static (context, cancellationToken) => ProxyParser.Parse(context.TargetSymbol, context.TargetNode, context.SemanticModel.Compilation, cancellationToken))
                .WithTrackingName(TrackingNames.Proxies)
                .Where(static spec => spec is not null)!;

            context.RegisterSourceOutput(proxies.WithTrackingName(TrackingNames.ProxyOutput), static (context, spec) => EmitProxy(context, spec));
        }

        private static void EmitProxy(SourceProductionContext context, ProxySpec spec)
        {
            foreach (DiagnosticInfo diagnostic in spec.Diagnostics)
            {
                context.ReportDiagnostic(ProxyDiagnostics.ToDiagnostic(diagnostic));
            }

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
