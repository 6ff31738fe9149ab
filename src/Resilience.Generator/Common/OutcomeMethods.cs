using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Finds the user methods the outcome options name (result predicates, the Retry-After reader, callbacks) and renders the
    /// call target the generated body uses — the method's escaped name, called directly (no delegate). A name that resolves to
    /// no usable method stubs the method; the analyzer's RES0030–RES0036 explain why.
    /// </summary>
    internal static class OutcomeMethods
    {
        public const string HttpResponseMessage = "global::System.Net.Http.HttpResponseMessage";

        /// <summary>The type the outcome methods receive: T of T, Task&lt;T&gt;, ValueTask&lt;T&gt;; null without a result.</summary>
        public static ITypeSymbol? ResultType(IMethodSymbol method, ReturnKind returnKind) => returnKind switch
        {
            ReturnKind.Value => method.ReturnType,
            ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT => ((INamedTypeSymbol)method.ReturnType).TypeArguments[0],
            _ => null,
        };

        /// <summary>Whether results are <c>HttpResponseMessage</c>: transient statuses are failures by default, discarded ones are disposed.</summary>
        public static bool IsHttpResponse(ITypeSymbol? result) =>
            result is not null && result.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == "System.Net.Http.HttpResponseMessage";

        public static string? Named(AttributeData attribute, string property) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value as string;

        /// <summary>A <c>bool M(TResult)</c> the body can call, or null (and a stub reason).</summary>
        public static string? Predicate(Compilation compilation, IMethodSymbol method, ITypeSymbol? result, string name, string option, StubReasons stub)
        {
            if (result is null)
            {
                stub.Add($"{option} needs a result to inspect");
                return null;
            }

            bool found = Candidates(method, name).Any(m =>
                m.ReturnType.SpecialType == SpecialType.System_Boolean && TakesOne(compilation, m, result));
            return Found(found, name, $"{option} '{name}' is not a 'bool {name}(result)' method the body can call", stub);
        }

        /// <summary>A <c>TimeSpan? M(TResult)</c> (or, with <paramref name="forException"/>, <c>TimeSpan? M(Exception)</c>) the body can call, or null.</summary>
        public static string? RetryAfterReader(Compilation compilation, IMethodSymbol method, ITypeSymbol result, string name, bool forException) =>
            Candidates(method, name).Any(m => ReturnsNullableTimeSpan(m) && m.Parameters.Length == 1
                && (m.Parameters[0].Type.ToDisplayString() == "System.Exception") == forException
                && (forException || TakesOne(compilation, m, result)))
                ? SymbolNames.EscapeIdentifier(name)
                : null;

        /// <summary>A <c>void M(T argument)</c> the body can call, or null (and a stub reason).</summary>
        public static string? Callback(IMethodSymbol method, ITypeSymbol? argument, string name, string option, bool requireStatic, StubReasons stub)
        {
            bool found = argument is not null && Candidates(method, name).Any(m =>
                m.ReturnsVoid && (m.IsStatic || !requireStatic) && m.Parameters.Length == 1
                && m.Parameters[0].RefKind is RefKind.None or RefKind.In
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, argument));
            return Found(found, name, $"{option} '{name}' is not a 'void {name}({argument?.Name ?? "?"})' method the body can call", stub);
        }

        private static string? Found(bool found, string name, string reason, StubReasons stub)
        {
            if (!found)
            {
                stub.Add(reason);
                return null;
            }

            return SymbolNames.EscapeIdentifier(name);
        }

        private static bool TakesOne(Compilation compilation, IMethodSymbol candidate, ITypeSymbol argument) =>
            candidate.Parameters.Length == 1
            && candidate.Parameters[0].RefKind is RefKind.None or RefKind.In
            && compilation.HasImplicitConversion(argument, candidate.Parameters[0].Type);

        private static bool ReturnsNullableTimeSpan(IMethodSymbol candidate) =>
            candidate.ReturnType is INamedTypeSymbol { IsGenericType: true } returned
            && returned.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            && returned.TypeArguments[0].ToDisplayString() == "System.TimeSpan";

        /// <summary>Ordinary non-generic methods of that name: static ones always, instance ones from instance methods.</summary>
        private static System.Collections.Generic.IEnumerable<IMethodSymbol> Candidates(IMethodSymbol method, string name) =>
            method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Where(m =>
                m.MethodKind == MethodKind.Ordinary && m.TypeParameters.Length == 0 && (m.IsStatic || !method.IsStatic));
    }
}
