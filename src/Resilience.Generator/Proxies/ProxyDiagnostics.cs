using Microsoft.CodeAnalysis;
using Resilience.Shared;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage errors of <c>[ResilientProxy]</c> (RES0040–RES0045), reported by the generator with the other usage rules
    /// (they are part of <see cref="UsageDescriptors.All"/>) because only it knows which members a proxy forwards and how.
    /// </summary>
    internal static class ProxyDiagnostics
    {
        private const string Category = "Resilience.Usage";

        public static readonly DiagnosticDescriptor NotPartial = Descriptor(
            "RES0040",
            "A resilient proxy must be a partial, non-generic, non-static class",
            "'{0}' cannot be a resilient proxy: {1}");

        public static readonly DiagnosticDescriptor NotAnInterface = Descriptor(
            "RES0041",
            "[ResilientProxy] needs an interface the proxy can implement",
            "[ResilientProxy] on '{0}' cannot proxy '{1}': {2}");

        public static readonly DiagnosticDescriptor NoMatchingMember = Descriptor(
            "RES0042",
            "A proxy's partial member must repeat a member of the proxied interface",
            "'{0}' matches no member of '{1}' the proxy forwards: {2}");

        public static readonly DiagnosticDescriptor CannotForward = Descriptor(
            "RES0043",
            "The proxy cannot forward an interface member",
            "'{0}' cannot forward '{1}': {2}");

        public static readonly DiagnosticDescriptor DeclareOnProxy = Descriptor(
            "RES0044",
            "[Fallback], [LastKnownGood], [Idempotent] and [Checkpoint] belong on the proxy's declaration",
            "'{0}' on interface member '{1}' is not applied by proxy '{2}': repeat the member as a partial method on the proxy and put the attribute there");

        public static readonly DiagnosticDescriptor UselessOptOut = Descriptor(
            "RES0045",
            "[NoClassPolicies] names no policy its class declares",
            "[NoClassPolicies] on '{0}' opts out of {1}, which '{2}' does not declare at class level",
            DiagnosticSeverity.Warning);

        public static readonly DiagnosticDescriptor[] All = { NotPartial, NotAnInterface, NoMatchingMember, CannotForward, DeclareOnProxy, UselessOptOut };

        private static DiagnosticDescriptor Descriptor(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
            new(id, title, message, Category, severity, isEnabledByDefault: true,
                helpLinkUri: HelpLinks.For(id));
    }
}
