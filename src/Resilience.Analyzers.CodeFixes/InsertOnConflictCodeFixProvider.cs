using System;
using System.Collections.Immutable;
using System.Composition;
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
    /// RES1008: append <c>ON CONFLICT DO NOTHING</c> to an <c>INSERT</c> written as one string literal (PostgreSQL and
    /// SQLite syntax), so a repeated insert of the same row does nothing.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertOnConflictCodeFixProvider))]
    [Shared]
    public sealed class InsertOnConflictCodeFixProvider : ResilienceCodeFixProvider
    {
        private const string Clause = " ON CONFLICT DO NOTHING";

        /// <summary>Creates the provider.</summary>
        public InsertOnConflictCodeFixProvider()
            : base(fixAll: true, needsSemanticModel: false, "RES1008")
        {
        }

        /// <inheritdoc />
        private protected override void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
                && literal.IsKind(SyntaxKind.StringLiteralExpression)
                && literal.Token.ValueText.IndexOf("INSERT", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(CodeFixTitles.AddOnConflictDoNothing, c => FixAsync(context.Document, literal, c), nameof(CodeFixTitles.AddOnConflictDoNothing)),
                    diagnostic);
            }
        }

        private static async Task<Document> FixAsync(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var sql = literal.Token.ValueText.TrimEnd();
            var terminated = sql.EndsWith(";", StringComparison.Ordinal);
            var fixedSql = (terminated ? sql.Substring(0, sql.Length - 1).TrimEnd() : sql) + Clause + (terminated ? ";" : string.Empty);
            var replacement = literal.WithToken(SyntaxFactory.Literal(fixedSql).WithTriviaFrom(literal.Token));
            return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
        }
    }
}
