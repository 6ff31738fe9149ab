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
        }
    }
}
