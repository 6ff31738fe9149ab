using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// <c>[Retry]</c>, <c>[CircuitBreaker]</c>, <c>[Timeout]</c> and <c>[Bulkhead]</c> on a class: they apply to each partial
    /// method the generator completes there, unless the method declares that kind itself or opts out with
    /// <c>[NoClassPolicies]</c>. Methods with an attribute of their own are emitted by <see cref="MethodParser"/>, which
    /// merges the class's policies in; the others are found here, from the class's own pipeline.
    /// </summary>
    internal static class ClassLevelPolicies
    {
        public const string NoClassPolicies = "Resilience.NoClassPoliciesAttribute";

        /// <summary>The attributes allowed on a class, in composition order; the first present emits the class's methods.</summary>
        public static readonly string[] Kinds = { AttributeNames.Retry, AttributeNames.CircuitBreaker, AttributeNames.Timeout, AttributeNames.Bulkhead };

        private const int AllKinds = 1 | 2 | 4 | 8;

        // Partial methods that other generators complete ([LoggerMessage], [GeneratedRegex], [LibraryImport], JS interop).
        private static readonly string[] s_otherGenerators = { "LoggerMessageAttribute", "GeneratedRegexAttribute", "LibraryImportAttribute", "JSImportAttribute", "JSExportAttribute" };

        /// <summary>Fills the kinds <paramref name="set"/> lacks from <paramref name="type"/>'s attributes, minus those opted out.</summary>
        public static void Merge(AttributeSet set, INamedTypeSymbol type, params IMethodSymbol?[] optOutSources)
        {
            int optedOut = optOutSources.Aggregate(0, (kinds, method) => kinds | OptedOut(method));
            foreach (AttributeData attribute in type.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case AttributeNames.Retry when (optedOut & 1) == 0: set.Retry ??= attribute; break;
                    case AttributeNames.CircuitBreaker when (optedOut & 2) == 0: set.CircuitBreaker ??= attribute; break;
                    case AttributeNames.Timeout when (optedOut & 4) == 0: set.Timeout ??= attribute; break;
                    case AttributeNames.Bulkhead when (optedOut & 8) == 0: set.Bulkhead ??= attribute; break;
                }
            }
        }

        /// <summary>The <c>ClassPolicies</c> flags of the method's <c>[NoClassPolicies]</c> (0 without one).</summary>
        public static int OptedOut(IMethodSymbol? method)
        {
            AttributeData? attribute = method?.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == NoClassPolicies);
            if (attribute is null)
            {
                return 0;
            }

            return attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int kinds ? kinds : AllKinds;
        }

        /// <summary>The first class-level attribute of <paramref name="type"/> in composition order, which emits its methods.</summary>
        public static string? Primary(INamedTypeSymbol type)
        {
            var present = new HashSet<string?>(type.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()));
            return Kinds.FirstOrDefault(present.Contains);
        }

        /// <summary>
        /// The specs of the partial methods of an annotated class that have no Resilience attribute of their own (those are
        /// emitted from their own pipeline). Proxies are left to <see cref="ProxyParser"/>.
        /// </summary>
        public static ImmutableEquatableArray<ParseResult> Parse(ISymbol symbol, Compilation compilation, string primaryAttribute, CancellationToken cancellationToken)
        {
            if (symbol is not INamedTypeSymbol type || ProxyParser.IsProxy(type) || Primary(type) != primaryAttribute)
            {
                return ImmutableEquatableArray<ParseResult>.Empty;
            }

            var results = new List<ParseResult>();
            foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>())
            {
                if (!IsCompletedByUs(method) || AttributeSet.Read(method).Primary is not null)
                {
                    continue;
                }

                foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is MethodDeclarationSyntax { Body: null, ExpressionBody: null } syntax
                        && IsInPartialTypes(method, cancellationToken))
                    {
                        var report = new UsageReport();
                        MethodSpec spec = MethodParser.ParseCompletable(method, syntax, AttributeSet.Read(method), compilation, report, cancellationToken);
                        results.Add(new ParseResult(spec, report.Diagnostics));
                    }
                }
            }

            return results.ToImmutableEquatableArray();
        }

        /// <summary>Every containing type is a partial class or struct, so the generated part can be declared.</summary>
        private static bool IsInPartialTypes(IMethodSymbol method, CancellationToken cancellationToken)
        {
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (!MethodShape.IsPartial(type, cancellationToken) || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// A partial definition with no implementation that must be implemented (it has an access modifier or a result; a
        /// classic <c>partial void OnX();</c> hook stays optional) and that no other generator completes.
        /// </summary>
        private static bool IsCompletedByUs(IMethodSymbol method) =>
            method.IsPartialDefinition
            && method.PartialImplementationPart is null
            && (method.DeclaredAccessibility != Accessibility.Private || !method.ReturnsVoid || method.Parameters.Any(p => p.RefKind == RefKind.Out) || HasAccessModifier(method))
            && !method.GetAttributes().Any(a => s_otherGenerators.Contains(a.AttributeClass?.Name));

        private static bool HasAccessModifier(IMethodSymbol method) =>
            method.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is MethodDeclarationSyntax m
                && m.Modifiers.Any(t => t.Text is "private" or "public" or "internal" or "protected"));
    }
}
