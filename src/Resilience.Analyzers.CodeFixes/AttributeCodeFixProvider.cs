using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// Fixes around the attributes themselves. RES0005: generate the missing fallback method (same signature as the method,
    /// throwing <see cref="System.NotImplementedException"/>). RES0016: give the later fallback the next free <c>Order</c>.
    /// RES0010: mark a parameter that can identify the run as <c>[WorkflowId]</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AttributeCodeFixProvider))]
    [Shared]
    public sealed class AttributeCodeFixProvider : ResilienceCodeFixProvider
    {
        /// <summary>Creates the provider.</summary>
        public AttributeCodeFixProvider()
            : base(fixAll: false, needsSemanticModel: true, "RES0005", "RES0010", "RES0016")
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
            var method = node.FirstAncestorOrSelf<MethodDeclarationSyntax>();
            var attribute = node.FirstAncestorOrSelf<AttributeSyntax>();
            if (method is null)
            {
                return;
            }

            switch (diagnostic.Id)
            {
                case "RES0005" when attribute is not null && FallbackName(model, attribute, context.CancellationToken) is { } name:
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            string.Format(CultureInfo.InvariantCulture, CodeFixTitles.GenerateFallback, name),
                            c => GenerateFallbackAsync(context.Document, method, name, c),
                            nameof(CodeFixTitles.GenerateFallback)),
                        diagnostic);
                    break;
                case "RES0016" when attribute is not null:
                    var order = NextFreeOrder(model, method, context.CancellationToken);
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            string.Format(CultureInfo.InvariantCulture, CodeFixTitles.SetFallbackOrder, order),
                            c => SetOrderAsync(context.Document, attribute, order, c),
                            nameof(CodeFixTitles.SetFallbackOrder)),
                        diagnostic);
                    break;
                case "RES0010":
                    foreach (var parameter in method.ParameterList.Parameters.Where(p => IsIdentifierLike(model, p, context.CancellationToken)))
                    {
                        var target = parameter;
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                string.Format(CultureInfo.InvariantCulture, CodeFixTitles.MarkWorkflowId, parameter.Identifier.ValueText),
                                c => MarkWorkflowIdAsync(context.Document, target, c),
                                nameof(CodeFixTitles.MarkWorkflowId) + parameter.Identifier.ValueText),
                            diagnostic);
                    }

                    break;
            }
        }

        private static string? FallbackName(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken)
        {
            var argument = attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null);
            return argument is not null
                && model.GetConstantValue(argument.Expression, cancellationToken) is { HasValue: true, Value: string name }
                && SyntaxFacts.IsValidIdentifier(name)
                ? name
                : null;
        }

        private static async Task<Document> GenerateFallbackAsync(Document document, MethodDeclarationSyntax method, string name, CancellationToken cancellationToken)
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
            var fallback = SyntaxFactory.MethodDeclaration(method.ReturnType.WithoutTrivia(), name)
                .WithModifiers(modifiers)
                .WithTypeParameterList(method.TypeParameterList?.WithoutTrivia())
                .WithParameterList(SyntaxHelpers.ImplementationParameters(method.ParameterList))
                .WithConstraintClauses(SyntaxFactory.List(method.ConstraintClauses.Select(c => c.WithoutTrivia())))
                .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(notImplemented))
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
                .WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.InsertNodesAfter(method, new[] { fallback }));
        }

        private static int NextFreeOrder(SemanticModel model, MethodDeclarationSyntax method, CancellationToken cancellationToken)
        {
            var used = new HashSet<int>();
            if (model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol)
            {
                foreach (var attribute in symbol.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == "Resilience.FallbackAttribute")
                    {
                        var order = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Order").Value.Value as int? ?? 0;
                        used.Add(order);
                    }
                }
            }

            var next = used.Count == 0 ? 0 : used.Max() + 1;
            return next;
        }

        private static async Task<Document> SetOrderAsync(Document document, AttributeSyntax attribute, int order, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var value = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(order));
            var arguments = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            var existing = arguments.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Order");
            var newArguments = existing is not null
                ? arguments.ReplaceNode(existing, existing.WithExpression(value))
                : arguments.AddArguments(SyntaxFactory.AttributeArgument(value).WithNameEquals(SyntaxFactory.NameEquals("Order")));
            var newAttribute = attribute.WithArgumentList(newArguments).WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(attribute, newAttribute));
        }

        // Parameters that can name a workflow run: strings, Guids and integers.
        private static bool IsIdentifierLike(SemanticModel model, ParameterSyntax parameter, CancellationToken cancellationToken)
        {
            if (parameter.Type is null || model.GetTypeInfo(parameter.Type, cancellationToken).Type is not { } type)
            {
                return false;
            }

            return type.SpecialType is SpecialType.System_String or SpecialType.System_Int32 or SpecialType.System_Int64
                || type.ToDisplayString() == "System.Guid";
        }

        private static async Task<Document> MarkWorkflowIdAsync(Document document, ParameterSyntax parameter, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            editor.AddAttribute(parameter, editor.Generator.Attribute(
                SyntaxFactory.ParseName("Resilience.WorkflowId").WithAdditionalAnnotations(Simplifier.Annotation)));
            return editor.GetChangedDocument();
        }
    }
}
