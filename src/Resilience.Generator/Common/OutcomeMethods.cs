using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Finds the user methods the outcome options name (result predicates, the Retry-After reader, callbacks) and renders the
    /// call target the generated body uses — the method's escaped name, called directly (no delegate). A name that resolves to
    /// no usable method reports RES0030–RES0033 (RES0036 when the method returns no result) where the option is written, which
    /// also stubs the method: the diagnostic and the body come from this one check.
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

        public static double Double(AttributeData attribute, string property) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == property).Value.Value switch
            {
                double d => d,
                int i => i,
                _ => 0,
            };

        /// <summary>RES0036: <paramref name="property"/> of the attribute inspects a result the method does not return.</summary>
        public static void ReportWithoutResult(ArgumentValues values, string property) =>
            values.Report.Report(UsageDescriptors.ResultOptionWithoutResult, values.NamedLocation(property), values.Method.Name, property, values.AttributeName);

        /// <summary>A <c>bool M(TResult)</c> the body can call, or null after RES0030 (RES0036 without a result).</summary>
        public static string? Predicate(Compilation compilation, ArgumentValues values, ITypeSymbol? result, string property, string name)
        {
            IMethodSymbol method = values.Method;
            if (result is null)
            {
                ReportWithoutResult(values, property);
                return null;
            }

            if (Candidates(method, name).Any(m => m.ReturnType.SpecialType == SpecialType.System_Boolean && TakesOne(compilation, m, result)))
            {
                return SymbolNames.EscapeIdentifier(name);
            }

            values.Report.Report(UsageDescriptors.InvalidResultPredicate, values.NamedLocation(property),
                method.Name, property, values.AttributeName, name, Display(result), method.ContainingType.Name, StaticHint(method, name));
            return null;
        }

        /// <summary>A <c>TimeSpan? M(TResult)</c> (or, with <paramref name="forException"/>, <c>TimeSpan? M(Exception)</c>) the body can call, or null.</summary>
        public static string? RetryAfterReader(Compilation compilation, IMethodSymbol method, ITypeSymbol result, string name, bool forException) =>
            Candidates(method, name).Any(m => ReturnsNullableTimeSpan(m) && m.Parameters.Length == 1
                && m.Parameters[0].RefKind is RefKind.None or RefKind.In
                && (m.Parameters[0].Type.ToDisplayString() == "System.Exception") == forException
                && (forException || TakesOne(compilation, m, result)))
                ? SymbolNames.EscapeIdentifier(name)
                : null;

        /// <summary>RES0031: the <c>RetryAfter</c> reader names no usable method.</summary>
        public static void ReportInvalidRetryAfter(ArgumentValues values, ITypeSymbol result, string name) =>
            values.Report.Report(UsageDescriptors.InvalidRetryAfter, values.NamedLocation("RetryAfter"),
                values.Method.Name, name, Display(result), values.Method.ContainingType.Name, StaticHint(values.Method, name));

        /// <summary>A <c>void M(RetryAttempt[&lt;TResult&gt;])</c> the body can call, or null after RES0032.</summary>
        public static string? OnRetry(ArgumentValues values, INamedTypeSymbol? attempt, ITypeSymbol? result, string name)
        {
            if (IsCallback(values.Method, attempt, name, requireStatic: false))
            {
                return SymbolNames.EscapeIdentifier(name);
            }

            string shape = result is null ? "RetryAttempt" : "RetryAttempt<" + Display(result) + ">";
            values.Report.Report(UsageDescriptors.InvalidOnRetry, values.NamedLocation("OnRetry"),
                values.Method.Name, name, shape, values.Method.ContainingType.Name, StaticHint(values.Method, name));
            return null;
        }

        /// <summary>A <c>static void M(CircuitBreakerStateChangedEventArgs)</c> the body can call, or null after RES0033.</summary>
        public static string? OnStateChange(ArgumentValues values, INamedTypeSymbol? args, string name)
        {
            if (IsCallback(values.Method, args, name, requireStatic: true))
            {
                return SymbolNames.EscapeIdentifier(name);
            }

            values.Report.Report(UsageDescriptors.InvalidOnStateChange, values.NamedLocation("OnStateChange"),
                values.Method.Name, name, values.Method.ContainingType.Name);
            return null;
        }

        private static bool IsCallback(IMethodSymbol method, ITypeSymbol? argument, string name, bool requireStatic) =>
            argument is not null && method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
                m.MethodKind == MethodKind.Ordinary && m.TypeParameters.Length == 0
                && (m.IsStatic || (!requireStatic && !method.IsStatic))
                && m.ReturnsVoid && m.Parameters.Length == 1
                && m.Parameters[0].RefKind is RefKind.None or RefKind.In
                && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, argument));

        private static bool TakesOne(Compilation compilation, IMethodSymbol candidate, ITypeSymbol argument) =>
            candidate.Parameters.Length == 1
            && candidate.Parameters[0].RefKind is RefKind.None or RefKind.In
            && compilation.HasImplicitConversion(argument, candidate.Parameters[0].Type);

        private static bool ReturnsNullableTimeSpan(IMethodSymbol candidate) =>
            candidate.ReturnType is INamedTypeSymbol { IsGenericType: true } returned
            && returned.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            && returned.TypeArguments[0].ToDisplayString() == "System.TimeSpan";

        /// <summary>Ordinary non-generic methods of that name: static ones always, instance ones from instance methods.</summary>
        private static IEnumerable<IMethodSymbol> Candidates(IMethodSymbol method, string name) =>
            method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Where(m =>
                m.MethodKind == MethodKind.Ordinary && m.TypeParameters.Length == 0 && (m.IsStatic || !method.IsStatic));

        private static string StaticHint(IMethodSymbol method, string name) =>
            method.IsStatic && method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(m => !m.IsStatic)
                ? " callable from static method '" + method.Name + "' (make it static)"
                : string.Empty;

        private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
    }
}
