using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>
    /// The mechanical fixes of the outcome options. RES0034: add <c>FailureRatio = 0.5</c> (SamplingCalls without a ratio)
    /// or remove <c>SamplingDurationMs</c> (both windows). RES0035: make the second attempt timeout the overall one.
    /// RES0036: remove the result option from a method that returns no result.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OutcomeCodeFixProvider))]
    [Shared]
    public sealed class OutcomeCodeFixProvider : ResilienceCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public OutcomeCodeFixProvider()
            : base(fixAll: true, needsSemanticModel: false, "RES0034", "RES0035", "RES0036")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
            if (attribute?.ArgumentList is not { } arguments)
            {
                return;
            }

            switch (diagnostic.Id)
            {
                case "RES0034" when Named(arguments, "FailureRatio") is null:
                    Register(context, diagnostic, CodeFixTitles.AddFailureRatio, attribute, With(attribute, arguments.Arguments.Select(a => a.ToString()).Append("FailureRatio = 0.5")));
                    break;
                case "RES0034" when Named(arguments, "SamplingDurationMs") is { } duration:
                    Register(context, diagnostic, CodeFixTitles.RemoveSamplingDuration, attribute, With(attribute, arguments.Arguments.Where(a => a != duration).Select(a => a.ToString())));
                    break;
                case "RES0035" when Named(arguments, "Scope") is null:
                    Register(context, diagnostic, CodeFixTitles.MakeOverallTimeout, attribute, With(attribute, arguments.Arguments.Select(a => a.ToString()).Append("Scope = TimeoutScope.Overall")));
                    break;
                case "RES0036" when node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { NameEquals: { } name } option:
                    Register(
                        context,
                        diagnostic,
                        string.Format(System.Globalization.CultureInfo.InvariantCulture, CodeFixTitles.RemoveOption, name.Name.Identifier.ValueText),
                        attribute,
                        With(attribute, arguments.Arguments.Where(a => a != option).Select(a => a.ToString())));
                    break;
            }
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, AttributeSyntax attribute, AttributeSyntax replacement) =>
            context.RegisterCodeFix(
                CodeAction.Create(title, c => ReplaceAsync(context.Document, attribute, replacement, c), title),
                diagnostic);

        private static async Task<Document> ReplaceAsync(Document document, AttributeSyntax attribute, AttributeSyntax replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(attribute, replacement.WithTriviaFrom(attribute)));
        }

        /// <summary>The attribute with these arguments (written as text, ", "-separated); no parentheses when none are left.</summary>
        private static AttributeSyntax With(AttributeSyntax attribute, IEnumerable<string> arguments)
        {
            string text = string.Join(", ", arguments);
            return attribute.WithArgumentList(text.Length == 0 ? null : SyntaxFactory.ParseAttributeArgumentList("(" + text + ")"));
        }

        private static AttributeArgumentSyntax? Named(AttributeArgumentListSyntax arguments, string property) =>
            arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property);
    }
}
