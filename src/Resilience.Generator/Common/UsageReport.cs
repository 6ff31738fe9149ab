using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage diagnostics of one method. A method with an error gets a body that throws
    /// <see cref="System.NotSupportedException"/> carrying the same messages (instead of a confusing compiler error), so the
    /// body the generator writes and the diagnostic the user reads come from one decision and can never disagree.
    /// </summary>
    internal sealed class UsageReport
    {
        private readonly List<DiagnosticInfo> _diagnostics = new();

        public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

        public bool HasErrors => _diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);

        /// <summary>The messages of the errors, joined; <see langword="null"/> when the method can be generated.</summary>
        public string? StubReason =>
            HasErrors ? string.Join("; ", _diagnostics.Where(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.Message)) : null;

        public ImmutableEquatableArray<DiagnosticInfo> Diagnostics => _diagnostics.ToImmutableEquatableArray();
    }
}
