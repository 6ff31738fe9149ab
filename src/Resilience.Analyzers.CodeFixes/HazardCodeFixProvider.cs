using System;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>
    /// RES1001–RES1006: suppress the hazard around its statement with a <c>#pragma</c> that asks for a justification;
    /// and, when the hazard is in the <c>{Name}Core</c> of a partial method, add <c>[Idempotent]</c> to that method.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HazardCodeFixProvider))]
    [Shared]
    public sealed class HazardCodeFixProvider : ResilienceCodeFixProvider
    {
        private const string Justification = "justification: explain why running this again on a retry is safe";

        /// <summary>Creates the provider.</summary>
        public HazardCodeFixProvider()
            : base(fixAll: false, needsSemanticModel: true, "RES1001", "RES1002", "RES1003", "RES1004", "RES1005", "RES1006", "RES1007", "RES1008", "RES1009", "RES1010", "RES1011", "RES1012")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            if (model is null)
            {
                return;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var anchor = (SyntaxNode?)node.FirstAncestorOrSelf<StatementSyntax>(s => s.Parent is BlockSyntax or SwitchSectionSyntax)
                ?? node.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (anchor is not null)
            {
                var id = diagnostic.Id;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        string.Format(CodeFixTitles.SuppressHazard, id),
                        c => SuppressAsync(context.Document, anchor.Span, id, c),
                        "Suppress" + id),
                    diagnostic);
            }

            var partialMethod = FindPartialMethodOfCore(model, node, context.CancellationToken);
            if (partialMethod is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        string.Format(CodeFixTitles.AddIdempotent, partialMethod.Name),
                        c => AddIdempotentAsync(context.Document.Project.Solution, partialMethod, c),
                        nameof(CodeFixTitles.AddIdempotent)),
                    diagnostic);
            }
        }

        private static async Task<Document> SuppressAsync(Document document, TextSpan span, string id, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var firstLine = text.Lines.GetLineFromPosition(span.Start);
            var lastLine = text.Lines.GetLineFromPosition(span.End);
            var indentation = firstLine.ToString().Substring(0, firstLine.ToString().Length - firstLine.ToString().TrimStart().Length);
            var newLine = lastLine.EndIncludingLineBreak > lastLine.End ? text.ToString(TextSpan.FromBounds(lastLine.End, lastLine.EndIncludingLineBreak)) : DetectNewLine(text);
            var restore = indentation + "#pragma warning restore " + id + newLine;
            var changes = new[]
            {
                new TextChange(new TextSpan(firstLine.Start, 0), indentation + "#pragma warning disable " + id + " // " + Justification + newLine),
                lastLine.EndIncludingLineBreak > lastLine.End
                    ? new TextChange(new TextSpan(lastLine.EndIncludingLineBreak, 0), restore)
                    : new TextChange(new TextSpan(lastLine.End, 0), newLine + restore),
            };
            return document.WithText(text.WithChanges(changes));
        }

        private static string DetectNewLine(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                if (line.EndIncludingLineBreak > line.End)
                {
                    return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
                }
            }

            return "\n";
        }

        // The hazard is a method's own effect when it sits in {Name}Core of a partial method that can take [Idempotent].
        private static IMethodSymbol? FindPartialMethodOfCore(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
        {
            var declaration = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol core
                || !core.Name.EndsWith("Core", StringComparison.Ordinal) || core.ContainingType is null)
            {
                return null;
            }

            var name = core.Name.Substring(0, core.Name.Length - "Core".Length);
            foreach (var member in core.ContainingType.GetMembers(name))
            {
                if (member is IMethodSymbol method && method.IsPartialDefinition
                    && !HasAttribute(method, "Resilience.IdempotentAttribute") && !HasAttribute(method, "Resilience.CheckpointAttribute")
                    && method.GetAttributes().Any(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "Resilience"))
                {
                    return method;
                }
            }

            return null;
        }

        private static bool HasAttribute(IMethodSymbol method, string metadataName) =>
            method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

        private static async Task<Solution> AddIdempotentAsync(Solution solution, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var reference = method.DeclaringSyntaxReferences.FirstOrDefault();
            var document = reference is null ? null : solution.GetDocument(reference.SyntaxTree);
            if (reference is null || document is null)
            {
                return solution;
            }

            var declaration = await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var usesNamespace = declaration.SyntaxTree.GetRoot(cancellationToken).DescendantNodes().OfType<UsingDirectiveSyntax>()
                .Any(u => u.Name?.ToString() == "Resilience" && u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None))
                || declaration.Ancestors().OfType<BaseNamespaceDeclarationSyntax>().Any(n => n.Name.ToString() == "Resilience");
            editor.AddAttribute(declaration, editor.Generator.Attribute(usesNamespace ? "Idempotent" : "Resilience.Idempotent"));
            return editor.GetChangedDocument().Project.Solution;
        }
    }
}
