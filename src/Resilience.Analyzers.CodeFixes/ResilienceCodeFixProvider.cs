using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Resilience.Analyzers.CodeFixes
{
    /// <summary>
    /// What every code fix of this project shares: the fixable ids, the fix-all provider (the batch fixer, or none where
    /// each fix needs the user's choice), and one call of <see cref="RegisterCodeFixes"/> per diagnostic with the document's
    /// syntax root (and its semantic model when the fix needs one).
    /// </summary>
    public abstract class ResilienceCodeFixProvider : CodeFixProvider
    {
        private readonly bool _fixAll;
        private readonly bool _needsSemanticModel;

        /// <param name="fixAll">Whether "fix all occurrences" applies (<see cref="WellKnownFixAllProviders.BatchFixer"/>).</param>
        /// <param name="needsSemanticModel">Whether <see cref="RegisterCodeFixes"/> is given the document's semantic model.</param>
        /// <param name="diagnosticIds">The diagnostics this provider fixes.</param>
        private protected ResilienceCodeFixProvider(bool fixAll, bool needsSemanticModel, params string[] diagnosticIds)
        {
            _fixAll = fixAll;
            _needsSemanticModel = needsSemanticModel;
            FixableDiagnosticIds = ImmutableArray.Create(diagnosticIds);
        }

        /// <inheritdoc />
        public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

        /// <inheritdoc />
        public sealed override FixAllProvider? GetFixAllProvider() => _fixAll ? WellKnownFixAllProviders.BatchFixer : null;

        /// <inheritdoc />
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            var model = _needsSemanticModel ? await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) : null;
            foreach (var diagnostic in context.Diagnostics)
            {
                RegisterCodeFixes(context, diagnostic, root, model);
            }
        }

        /// <summary>Registers the fixes of one diagnostic.</summary>
        /// <param name="context">The code fix context.</param>
        /// <param name="diagnostic">The diagnostic.</param>
        /// <param name="root">The document's syntax root.</param>
        /// <param name="model">The document's semantic model when the provider asked for it (it can still be <see langword="null"/>).</param>
        private protected abstract void RegisterCodeFixes(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, SemanticModel? model);
    }
}
