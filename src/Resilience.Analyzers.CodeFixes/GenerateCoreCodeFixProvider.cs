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
using Microsoft.CodeAnalysis.Simplification;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>RES0003: adds a private <c>{Name}Core</c> with the partial method's signature that throws <see cref="System.NotImplementedException"/>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GenerateCoreCodeFixProvider))]
    [Shared]
    public sealed class GenerateCoreCodeFixProvider : ResilienceCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public GenerateCoreCodeFixProvider()
            : base(fixAll: true, needsSemanticModel: false, "RES0003")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                return;
            }

            var title = string.Format(CodeFixTitles.GenerateCore, method.Identifier.ValueText);
            context.RegisterCodeFix(CodeAction.Create(title, c => AddCoreAsync(context.Document, method, c), nameof(CodeFixTitles.GenerateCore)), diagnostic);
        }

        private static async Task<Document> AddCoreAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var modifiers = SyntaxFactory.TokenList(SyntaxFactory.Token(SyntaxKind.PrivateKeyword));
            if (method.Modifiers.Any(SyntaxKind.StaticKeyword))
            {
                modifiers = modifiers.Add(SyntaxFactory.Token(SyntaxKind.StaticKeyword));
            }

            var notImplemented = SyntaxFactory.ThrowExpression(
                SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.ParseTypeName("System.NotImplementedException").WithAdditionalAnnotations(Simplifier.Annotation))
                    .WithArgumentList(SyntaxFactory.ArgumentList()));
            var core = SyntaxFactory.MethodDeclaration(method.ReturnType.WithoutTrivia(), method.Identifier.ValueText + "Core")
                .WithModifiers(modifiers)
                .WithTypeParameterList(method.TypeParameterList?.WithoutTrivia())
                .WithParameterList(SyntaxHelpers.ImplementationParameters(method.ParameterList))
                .WithConstraintClauses(SyntaxFactory.List(method.ConstraintClauses.Select(c => c.WithoutTrivia())))
                .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(notImplemented))
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
                .WithAdditionalAnnotations(Formatter.Annotation);

            return document.WithSyntaxRoot(root.InsertNodesAfter(method, new[] { core }));
        }
    }
}
