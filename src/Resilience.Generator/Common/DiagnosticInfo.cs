using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// A usage diagnostic as a pipeline value: descriptor ID, where (file, span, line span — no <see cref="Location"/> or
    /// syntax tree, so the value is equatable and the pipeline stays cacheable) and the message arguments.
    /// </summary>
    internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, ImmutableEquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments)
        {
            FileLinePositionSpan lineSpan = location?.GetLineSpan() ?? default;
            return new DiagnosticInfo(
                descriptor.Id,
                location?.SourceTree?.FilePath ?? lineSpan.Path ?? string.Empty,
                location?.SourceSpan ?? default,
                lineSpan.Span,
                arguments.Select(a => a?.ToString() ?? string.Empty).ToImmutableEquatableArray());
        }

        public DiagnosticDescriptor Descriptor => UsageDescriptors.ById(Id)!;

        public string Message => string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptor.MessageFormat.ToString(), Arguments.ToArray<object>());

        /// <summary>The diagnostic, located in the compilation's own syntax tree when there is one (so that <c>#pragma</c>
        /// suppressions and code fixes apply), else in the file by path.</summary>
        public Diagnostic ToDiagnostic(IReadOnlyDictionary<string, SyntaxTree> trees)
        {
            Location location = trees.TryGetValue(FilePath, out SyntaxTree? tree) && Span.End <= tree.Length
                ? Location.Create(tree, Span)
                : FilePath.Length == 0 ? Location.None : Location.Create(FilePath, Span, LineSpan);
            return Diagnostic.Create(Descriptor, location, Arguments.ToArray<object>());
        }
    }
}
