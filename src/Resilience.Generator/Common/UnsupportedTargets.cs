using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// RES0019 for resilience attributes on local functions and lambdas: they compile (<c>AttributeTargets.Method</c>) but
    /// nothing completes them. Only nodes that carry attribute lists reach the semantic check.
    /// </summary>
    internal static class UnsupportedTargets
    {
        public static bool IsCandidate(SyntaxNode node) =>
            node is LocalFunctionStatementSyntax { AttributeLists.Count: > 0 } or ParenthesizedLambdaExpressionSyntax { AttributeLists.Count: > 0 };

        public static ImmutableEquatableArray<DiagnosticInfo> Check(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            var (lists, location, kind, name) = context.Node switch
            {
                LocalFunctionStatementSyntax local => (local.AttributeLists, local.Identifier.GetLocation(), "a local function", local.Identifier.ValueText),
                ParenthesizedLambdaExpressionSyntax lambda => (lambda.AttributeLists, lambda.ParameterList.GetLocation(), "a lambda", "lambda"),
                _ => (default(SyntaxList<AttributeListSyntax>), Location.None, string.Empty, string.Empty),
            };
            foreach (AttributeSyntax attribute in lists.SelectMany(l => l.Attributes))
            {
                if (context.SemanticModel.GetSymbolInfo(attribute, cancellationToken).Symbol is IMethodSymbol constructor
                    && AttributeNames.All.Contains(constructor.ContainingType.ToDisplayString()))
                {
                    return new[] { DiagnosticInfo.Create(UsageDescriptors.UnsupportedTarget, location, name, kind) }.ToImmutableEquatableArray();
                }
            }

            return ImmutableEquatableArray<DiagnosticInfo>.Empty;
        }
    }
}
