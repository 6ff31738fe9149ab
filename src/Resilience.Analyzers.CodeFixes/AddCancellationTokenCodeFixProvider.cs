using System;
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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>
    /// RES0014: adds <c>CancellationToken cancellationToken = default</c> to the partial method and
    /// <c>CancellationToken cancellationToken</c> to its <c>{Name}Core</c> and its fallbacks, if there are any.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddCancellationTokenCodeFixProvider))]
    [Shared]
    public sealed class AddCancellationTokenCodeFixProvider : ResilienceCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public AddCancellationTokenCodeFixProvider()
            : base(fixAll: false, needsSemanticModel: false, "RES0014")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || method.ParameterList.Parameters.Any(p => p.Modifiers.Any(SyntaxKind.ParamsKeyword)))
            {
                return;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    CodeFixTitles.AddCancellationToken,
                    c => AddTokenAsync(context.Document, method, c),
                    nameof(CodeFixTitles.AddCancellationToken)),
                diagnostic);
        }

        private static async Task<Solution> AddTokenAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var solution = document.Project.Solution;
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var symbol = model?.GetDeclaredSymbol(method, cancellationToken);
            var name = UniqueName(method);
            var editor = new SolutionEditor(solution);

            var documentEditor = await editor.GetDocumentEditorAsync(document.Id, cancellationToken).ConfigureAwait(false);
            documentEditor.ReplaceNode(method, method.AddParameterListParameters(Token(name, withDefault: true)));

            // The implementation gets the token too (without a default), so the generator can pass it through; fallbacks
            // that fitted the old signature get it as well (before their optional trailing Exception), so they still fit.
            var targets = new List<(IMethodSymbol Method, int Index)>();
            if (symbol?.ContainingType is { } type)
            {
                var count = symbol.Parameters.Length;
                foreach (var core in type.GetMembers(symbol.Name + "Core").OfType<IMethodSymbol>().Where(m => m.Parameters.Length == count))
                {
                    targets.Add((core, count));
                }

                foreach (var attribute in symbol.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == "Resilience.FallbackAttribute"))
                {
                    if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string fallbackName
                        && fallbackName != symbol.Name && fallbackName != symbol.Name + "Core")
                    {
                        foreach (var fallback in type.GetMembers(fallbackName).OfType<IMethodSymbol>()
                            .Where(m => m.Parameters.Length == count || m.Parameters.Length == count + 1))
                        {
                            targets.Add((fallback, count));
                        }
                    }
                }
            }

            var edited = new HashSet<SyntaxNode>();
            foreach (var (target, index) in targets)
            {
                foreach (var reference in target.DeclaringSyntaxReferences)
                {
                    var targetDocument = solution.GetDocument(reference.SyntaxTree);
                    if (targetDocument is null
                        || await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) is not MethodDeclarationSyntax syntax
                        || syntax == method
                        || !edited.Add(syntax))
                    {
                        continue;
                    }

                    var targetEditor = await editor.GetDocumentEditorAsync(targetDocument.Id, cancellationToken).ConfigureAwait(false);
                    var parameters = syntax.ParameterList.Parameters.Insert(Math.Min(index, syntax.ParameterList.Parameters.Count), Token(name, withDefault: false));
                    targetEditor.ReplaceNode(
                        syntax,
                        syntax.WithParameterList(syntax.ParameterList.WithParameters(parameters).WithAdditionalAnnotations(Formatter.Annotation)));
                }
            }

            return editor.GetChangedSolution();
        }

        private static ParameterSyntax Token(string name, bool withDefault)
        {
            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
                .WithType(SyntaxFactory.ParseTypeName("System.Threading.CancellationToken").WithAdditionalAnnotations(Simplifier.Annotation)
                    .WithTrailingTrivia(SyntaxFactory.Space));
            return withDefault
                ? parameter.WithDefault(SyntaxFactory.EqualsValueClause(SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression, SyntaxFactory.Token(SyntaxKind.DefaultKeyword))))
                : parameter;
        }

        private static string UniqueName(MethodDeclarationSyntax method)
        {
            var name = "cancellationToken";
            var suffix = 1;
            while (method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name))
            {
                name = "cancellationToken" + suffix++;
            }

            return name;
        }
    }
}
