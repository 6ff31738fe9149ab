using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Questions about the annotated method's shape that several policies ask: how it returns, its implementation, its parameters.</summary>
    internal static class MethodShape
    {
        public static ReturnKind GetReturnKind(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return ReturnKind.Void;
            }

            return GetTaskKind(method.ReturnType) ?? ReturnKind.Value;
        }

        public static ReturnKind? GetTaskKind(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
            {
                return null;
            }

            return (named.MetadataName, named.Arity) switch
            {
                ("Task", 0) => ReturnKind.Task,
                ("Task`1", 1) => ReturnKind.TaskOfT,
                ("ValueTask", 0) => ReturnKind.ValueTask,
                ("ValueTask`1", 1) => ReturnKind.ValueTaskOfT,
                _ => null,
            };
        }

        /// <summary><paramref name="candidate"/> with the annotated method's type parameters substituted for its own.</summary>
        public static IMethodSymbol ConstructLike(IMethodSymbol candidate, IMethodSymbol method) =>
            candidate.TypeParameters.Length == 0
                ? candidate
                : candidate.Construct(method.TypeParameters.Cast<ITypeSymbol>().ToArray());

        /// <summary>Whether the first <paramref name="count"/> parameters have the same ref kinds and types.</summary>
        public static bool SameParameters(IMethodSymbol method, IMethodSymbol other, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (method.Parameters[i].RefKind != other.Parameters[i].RefKind
                    || !SymbolEqualityComparer.Default.Equals(method.Parameters[i].Type, other.Parameters[i].Type))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                    && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return true;
                }
            }

            return false;
        }

        public static bool IsCancellationToken(ITypeSymbol type) =>
            type is INamedTypeSymbol { Name: "CancellationToken" } named && named.ContainingNamespace?.ToDisplayString() == "System.Threading";

        public static bool HasAttribute(ISymbol symbol, string metadataName) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

        /// <summary>The expression giving an instance's durable store: its <c>IHasResilienceStore</c>, or <c>null</c> for the registry's.</summary>
        public static string Store(IMethodSymbol method) =>
            !method.IsStatic && method.ContainingType.AllInterfaces.Any(i => i.ToDisplayString() == "Resilience.IHasResilienceStore")
                ? "((global::Resilience.IHasResilienceStore)this).ResilienceStore"
                : "null";
    }
}
