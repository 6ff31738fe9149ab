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
using Microsoft.CodeAnalysis.Formatting;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>
    /// RES0001: turns an annotated method with a body into a partial method declaration and moves the body into a new
    /// private <c>{Name}Core</c> method. RES0002: adds <c>partial</c> to the type.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider))]
    [Shared]
    public sealed class MakePartialCodeFixProvider : ResilienceCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public MakePartialCodeFixProvider()
            : base(fixAll: true, needsSemanticModel: false, "RES0001", "RES0002")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            var node = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
            if (diagnostic.Id == "RES0002" && node?.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type)
            {
                var title = string.Format(CodeFixTitles.MakeTypePartial, type.Identifier.ValueText);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        title,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(type, SyntaxHelpers.MakePartial(type)))),
                        CodeFixTitles.MakePartial),
                    diagnostic);
            }
            else if (diagnostic.Id == "RES0001" && node?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method && CanMove(method))
            {
                var title = string.Format(CodeFixTitles.MakeMethodPartial, method.Identifier.ValueText);
                context.RegisterCodeFix(
                    CodeAction.Create(title, c => MakeMethodPartialAsync(context.Document, method, c), CodeFixTitles.MakePartial),
                    diagnostic);
            }
        }

        // Only when the body can move somewhere: a Core that already exists would be overwritten.
        private static bool CanMove(MethodDeclarationSyntax method)
        {
            if (method.Body is null && method.ExpressionBody is null)
            {
                return method.Modifiers.Any(SyntaxKind.PartialKeyword) is false;
            }

            var coreName = method.Identifier.ValueText + "Core";
            return method.Parent is TypeDeclarationSyntax type
                && !type.Members.OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == coreName);
        }

        private static async Task<Document> MakeMethodPartialAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var hasBody = method.Body is not null || method.ExpressionBody is not null;

            // The declaration: no body, no 'async', an accessibility (required for non-void partial methods), 'partial'.
            var declaration = method
                .WithBody(null)
                .WithExpressionBody(null)
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
                .WithModifiers(SyntaxFactory.TokenList(method.Modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword))));
            if (!declaration.Modifiers.Any(SyntaxHelpers.IsAccessibility))
            {
                var first = declaration.Modifiers.Count > 0 ? declaration.Modifiers[0] : declaration.ReturnType.GetFirstToken();
                var accessibility = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.PrivateKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                declaration = declaration.ReplaceToken(first, first.WithLeadingTrivia());
                declaration = declaration.WithModifiers(declaration.Modifiers.Insert(0, accessibility));
            }

            var returnTypeToken = declaration.ReturnType.GetFirstToken();
            var modifiers = SyntaxHelpers.AddPartial(declaration.Modifiers, ref returnTypeToken);
            declaration = declaration.ReplaceToken(declaration.ReturnType.GetFirstToken(), returnTypeToken).WithModifiers(modifiers);
            if (method.Body is not null)
            {
                declaration = declaration.WithParameterList(declaration.ParameterList.WithTrailingTrivia());
            }

            if (!hasBody)
            {
                return document.WithSyntaxRoot(root.ReplaceNode(method, declaration));
            }

            // The implementation: the original body under the name {Name}Core, private, keeping static/async/unsafe.
            var coreModifiers = SyntaxFactory.TokenList(
                new[] { SyntaxFactory.Token(SyntaxKind.PrivateKeyword) }
                    .Concat(method.Modifiers
                        .Where(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.UnsafeKeyword))
                        .Select(m => SyntaxFactory.Token(m.Kind()))));
            var core = SyntaxFactory.MethodDeclaration(method.ReturnType.WithoutTrivia(), method.Identifier.ValueText + "Core")
                .WithModifiers(coreModifiers)
                .WithTypeParameterList(method.TypeParameterList)
                .WithParameterList(SyntaxHelpers.ImplementationParameters(method.ParameterList))
                .WithConstraintClauses(method.ConstraintClauses)
                .WithBody(method.Body)
                .WithExpressionBody(method.ExpressionBody)
                .WithSemicolonToken(method.ExpressionBody is not null ? SyntaxFactory.Token(SyntaxKind.SemicolonToken) : default)
                .WithAdditionalAnnotations(Formatter.Annotation);

            // A partial implementation part written by hand: the declaration exists already, only the body moves.
            var replacement = method.Modifiers.Any(SyntaxKind.PartialKeyword) ? new SyntaxNode[] { core } : new SyntaxNode[] { declaration, core };
            var newRoot = root.ReplaceNode(method, replacement);
            return document.WithSyntaxRoot(newRoot);
        }
    }
}
