using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>Small syntax edits shared by the code fixes.</summary>
    internal static class SyntaxHelpers
    {
        /// <summary>Adds <c>partial</c> as the last modifier, keeping the declaration's leading trivia in front.</summary>
        public static SyntaxTokenList AddPartial(SyntaxTokenList modifiers, ref SyntaxToken nextToken)
        {
            if (modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return modifiers;
            }

            if (modifiers.Count > 0)
            {
                return modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            var partial = SyntaxFactory.Token(nextToken.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            nextToken = nextToken.WithLeadingTrivia();
            return SyntaxFactory.TokenList(partial);
        }

        public static TypeDeclarationSyntax MakePartial(TypeDeclarationSyntax type)
        {
            var keyword = type.Keyword;
            var modifiers = AddPartial(type.Modifiers, ref keyword);
            return type.WithKeyword(keyword).WithModifiers(modifiers);
        }

        /// <summary>Parameters for an implementation method: same types and names, no attributes, no default values.</summary>
        public static ParameterListSyntax ImplementationParameters(ParameterListSyntax parameters) =>
            SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters.Parameters.Select(p =>
                p.WithAttributeLists(default).WithDefault(null).WithoutTrivia())));

        public static bool IsAccessibility(SyntaxToken token) =>
            token.IsKind(SyntaxKind.PublicKeyword) || token.IsKind(SyntaxKind.PrivateKeyword)
            || token.IsKind(SyntaxKind.ProtectedKeyword) || token.IsKind(SyntaxKind.InternalKeyword);
    }
}
