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
using Microsoft.CodeAnalysis.Formatting;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>
    /// RES1010: hoist an idempotency key generated inside the attempt (<c>Guid.NewGuid()</c> in <c>{Name}Core</c>) out of
    /// it. The key becomes a <c>Guid idempotencyKey</c> parameter of the partial method and of its <c>{Name}Core</c> (the
    /// generated wrapper passes the same value to every attempt), and an overload with the old signature creates the key
    /// once per call, so existing callers keep compiling. Offered when the partial method and its Core are declared in
    /// the same document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HoistIdempotencyKeyCodeFixProvider))]
    [Shared]
    public sealed class HoistIdempotencyKeyCodeFixProvider : ResilienceCodeFixProvider
    {
        private const string ParameterName = "idempotencyKey";

        /// <summary>Creates the provider. No fix-all: each fix adds a parameter, so applying several at once would add several.</summary>
        public HoistIdempotencyKeyCodeFixProvider()
            : base(fixAll: false, needsSemanticModel: true, "RES1010")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            if (model is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } generated
                || model.GetSymbolInfo(generated, context.CancellationToken).Symbol is not IMethodSymbol { IsStatic: true, Name: "NewGuid" or "CreateVersion7" } factory
                || factory.ContainingType?.ToDisplayString() != "System.Guid"
                || generated.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } core
                || FindPartialDefinition(model, core, context.CancellationToken) is not { } definition
                || definition.SyntaxTree != core.SyntaxTree)
            {
                return;
            }

            var name = UniqueName(model, core, context.CancellationToken);
            var guidName = model.LookupNamespacesAndTypes(definition.SpanStart, name: "Guid").Any(t => t.ToDisplayString() == "System.Guid")
                ? "Guid"
                : "System.Guid";
            context.RegisterCodeFix(
                CodeAction.Create(
                    string.Format(CodeFixTitles.HoistIdempotencyKey, name, definition.Identifier.ValueText),
                    c => HoistAsync(context.Document, generated, core, definition, name, guidName, factory.Name, c),
                    nameof(CodeFixTitles.HoistIdempotencyKey)),
                diagnostic);
        }

        // The partial definition {Name} (no body) whose parameters are the Core's, in the Core's type (compared by display
        // name: a generic method's T and its Core's T are different symbols).
        private static MethodDeclarationSyntax? FindPartialDefinition(SemanticModel model, MethodDeclarationSyntax core, CancellationToken cancellationToken)
        {
            if (model.GetDeclaredSymbol(core, cancellationToken) is not IMethodSymbol coreSymbol
                || !coreSymbol.Name.EndsWith("Core", StringComparison.Ordinal)
                || coreSymbol.ContainingType is null)
            {
                return null;
            }

            var name = coreSymbol.Name.Substring(0, coreSymbol.Name.Length - "Core".Length);
            foreach (var member in coreSymbol.ContainingType.GetMembers(name))
            {
                if (member is IMethodSymbol { IsPartialDefinition: true } method
                    && method.Parameters.Length == coreSymbol.Parameters.Length
                    && method.Parameters.Zip(coreSymbol.Parameters, (a, b) => a.Type.ToDisplayString() == b.Type.ToDisplayString()).All(same => same)
                    && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration)
                {
                    return declaration;
                }
            }

            return null;
        }

        // idempotencyKey, or idempotencyKey2… when the Core already uses the name.
        private static string UniqueName(SemanticModel model, MethodDeclarationSyntax core, CancellationToken cancellationToken)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var parameter in core.ParameterList.Parameters)
            {
                taken.Add(parameter.Identifier.ValueText);
            }

            foreach (var node in core.DescendantNodes())
            {
                if (model.GetDeclaredSymbol(node, cancellationToken) is ILocalSymbol or IParameterSymbol or IRangeVariableSymbol)
                {
                    taken.Add(model.GetDeclaredSymbol(node, cancellationToken)!.Name);
                }
            }

            var name = ParameterName;
            for (var i = 2; taken.Contains(name); i++)
            {
                name = ParameterName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        private static async Task<Document> HoistAsync(
            Document document,
            InvocationExpressionSyntax generated,
            MethodDeclarationSyntax core,
            MethodDeclarationSyntax definition,
            string name,
            string guidName,
            string factory,
            CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var index = InsertionIndex(definition.ParameterList);
            var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
                .WithType(SyntaxFactory.ParseTypeName(guidName));

            // The overload keeps the old signature: one key per call, created before the first attempt.
            var overload = Overload(definition, index, guidName, factory);

            var trackedRoot = root.TrackNodes(generated, core, definition);
            var newCore = trackedRoot.GetCurrentNode(core)!;
            var newGenerated = trackedRoot.GetCurrentNode(generated)!;
            newCore = newCore.ReplaceNode(newGenerated, SyntaxFactory.IdentifierName(name).WithTriviaFrom(newGenerated));
            newCore = newCore.WithParameterList(newCore.ParameterList.WithParameters(newCore.ParameterList.Parameters.Insert(index, parameter)).WithAdditionalAnnotations(Formatter.Annotation));
            trackedRoot = trackedRoot.ReplaceNode(trackedRoot.GetCurrentNode(core)!, newCore);

            var currentDefinition = trackedRoot.GetCurrentNode(definition)!;
            var newDefinition = currentDefinition.WithParameterList(
                currentDefinition.ParameterList.WithParameters(currentDefinition.ParameterList.Parameters.Insert(index, parameter)).WithAdditionalAnnotations(Formatter.Annotation));
            trackedRoot = trackedRoot.ReplaceNode(currentDefinition, new SyntaxNode[] { newDefinition, overload });

            return document.WithSyntaxRoot(trackedRoot);
        }

        // Before the first optional, params or CancellationToken parameter, so the new one can be required.
        private static int InsertionIndex(ParameterListSyntax parameters)
        {
            for (var i = 0; i < parameters.Parameters.Count; i++)
            {
                var parameter = parameters.Parameters[i];
                if (parameter.Default is not null
                    || parameter.Modifiers.Any(SyntaxKind.ParamsKeyword)
                    || parameter.Type?.ToString() is "CancellationToken" or "System.Threading.CancellationToken" or "global::System.Threading.CancellationToken")
                {
                    return i;
                }
            }

            return parameters.Parameters.Count;
        }

        // public Task PayAsync(Order order, CancellationToken ct) => PayAsync(order, Guid.NewGuid(), ct);
        // (Guid when `using System;` is in scope at the partial method, System.Guid otherwise.)
        private static MethodDeclarationSyntax Overload(MethodDeclarationSyntax definition, int index, string guidName, string factory)
        {
            var arguments = new List<ArgumentSyntax>();
            foreach (var parameter in definition.ParameterList.Parameters)
            {
                var argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(parameter.Identifier.ValueText));
                foreach (var modifier in parameter.Modifiers)
                {
                    if (modifier.IsKind(SyntaxKind.RefKeyword) || modifier.IsKind(SyntaxKind.OutKeyword) || modifier.IsKind(SyntaxKind.InKeyword))
                    {
                        argument = argument.WithRefKindKeyword(SyntaxFactory.Token(modifier.Kind()));
                    }
                }

                arguments.Add(argument);
            }

            var key = SyntaxFactory.ParseExpression(guidName + "." + factory + "()");
            arguments.Insert(index, SyntaxFactory.Argument(key));

            ExpressionSyntax target = definition.TypeParameterList is { Parameters.Count: > 0 } typeParameters
                ? SyntaxFactory.GenericName(
                    definition.Identifier.WithoutTrivia(),
                    SyntaxFactory.TypeArgumentList(SyntaxFactory.SeparatedList<TypeSyntax>(typeParameters.Parameters.Select(p => SyntaxFactory.IdentifierName(p.Identifier.ValueText)))))
                : SyntaxFactory.IdentifierName(definition.Identifier.WithoutTrivia());
            var call = SyntaxFactory.InvocationExpression(target, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));

            var modifiers = SyntaxFactory.TokenList(definition.Modifiers.Where(m => !m.IsKind(SyntaxKind.PartialKeyword)).Select(m => m.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space)));
            return SyntaxFactory.MethodDeclaration(definition.ReturnType.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space), definition.Identifier.WithoutTrivia())
                .WithModifiers(modifiers)
                .WithTypeParameterList(definition.TypeParameterList)
                .WithParameterList(definition.ParameterList.WithoutTrivia())
                .WithConstraintClauses(definition.ConstraintClauses)
                .WithExpressionBody(SyntaxFactory.ArrowExpressionClause(call))
                .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken))
                .WithLeadingTrivia(definition.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia) || t.IsKind(SyntaxKind.EndOfLineTrivia)))
                .WithTrailingTrivia(definition.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        }
    }
}
