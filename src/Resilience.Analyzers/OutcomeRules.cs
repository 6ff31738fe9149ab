using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Resilience.Analyzers
{
    /// <summary>
    /// RES0030–RES0037: the outcome options of the policies — result predicates, the Retry-After reader, the callbacks, the
    /// count-based and slow-call breaker settings, and the timeout scopes. The generator calls each named method directly,
    /// so its signature is checked here; an invalid one makes the generator write a throwing stub instead of bad code.
    /// </summary>
    internal static class OutcomeRules
    {
        public static void CheckRetry(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            ITypeSymbol? result = ResultType(method, known);
            if (Named(attribute, "RetryOnResult") is { } predicate)
            {
                CheckPredicate(context, method, attribute, syntax, known, result, "Retry", "RetryOnResult", predicate);
            }

            if (Named(attribute, "RetryAfter") is { } retryAfter)
            {
                if (result is null)
                {
                    Report(context, DiagnosticDescriptors.ResultOptionWithoutResult, syntax, method, "RetryAfter", method.Name, "RetryAfter", "Retry");
                }
                else if (!Candidates(method, retryAfter).Any(m => IsTimeSpanReader(context.Compilation, m, result, known)))
                {
                    Report(context, DiagnosticDescriptors.InvalidRetryAfter, syntax, method, "RetryAfter",
                        method.Name, retryAfter, Display(result), method.ContainingType.Name, StaticHint(method, retryAfter));
                }
            }

            if (Named(attribute, "OnRetry") is { } onRetry)
            {
                INamedTypeSymbol? attempt = result is null
                    ? context.Compilation.GetTypeByMetadataName("Resilience.RetryAttempt")
                    : context.Compilation.GetTypeByMetadataName("Resilience.RetryAttempt`1")?.Construct(result);
                bool valid = attempt is not null && Candidates(method, onRetry).Any(m =>
                    m.ReturnsVoid && m.Parameters.Length == 1 && m.Parameters[0].RefKind is RefKind.None or RefKind.In
                    && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, attempt));
                if (!valid)
                {
                    string shape = result is null ? "RetryAttempt" : $"RetryAttempt<{Display(result)}>";
                    Report(context, DiagnosticDescriptors.InvalidOnRetry, syntax, method, "OnRetry",
                        method.Name, onRetry, shape, method.ContainingType.Name, StaticHint(method, onRetry));
                }
            }
        }

        public static void CheckCircuitBreaker(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            if (Named(attribute, "HandleOnResult") is { } predicate)
            {
                CheckPredicate(context, method, attribute, syntax, known, ResultType(method, known), "CircuitBreaker", "HandleOnResult", predicate);
            }

            if (Named(attribute, "OnStateChange") is { } onStateChange)
            {
                INamedTypeSymbol? args = context.Compilation.GetTypeByMetadataName("Resilience.CircuitBreakerStateChangedEventArgs");
                bool valid = method.ContainingType.GetMembers(onStateChange).OfType<IMethodSymbol>().Any(m =>
                    m.IsStatic && m.MethodKind == MethodKind.Ordinary && m.TypeParameters.Length == 0 && m.ReturnsVoid
                    && m.Parameters.Length == 1 && m.Parameters[0].RefKind == RefKind.None
                    && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, args));
                if (!valid)
                {
                    Report(context, DiagnosticDescriptors.InvalidOnStateChange, syntax, method, "OnStateChange", method.Name, onStateChange, method.ContainingType.Name);
                }
            }

            int samplingCalls = Int(attribute, "SamplingCalls");
            double failureRatio = Double(attribute, "FailureRatio");
            if (samplingCalls > 0 && failureRatio <= 0)
            {
                Report(context, DiagnosticDescriptors.InvalidSamplingCalls, syntax, method, "SamplingCalls", method.Name, "without FailureRatio: add the ratio it samples calls for");
            }
            else if (samplingCalls > 0 && Int(attribute, "SamplingDurationMs") > 0)
            {
                Report(context, DiagnosticDescriptors.InvalidSamplingCalls, syntax, method, "SamplingCalls", method.Name, "together with SamplingDurationMs: a window counts either calls or time");
            }

            double slowCallRatio = Double(attribute, "SlowCallRatio");
            if (slowCallRatio > 0 && Int(attribute, "SlowCallMs") <= 0)
            {
                Report(context, DiagnosticDescriptors.InvalidSlowCallRatio, syntax, method, "SlowCallRatio", method.Name, "without SlowCallMs: say how long a slow call takes");
            }
            else if (slowCallRatio > 0 && failureRatio <= 0)
            {
                Report(context, DiagnosticDescriptors.InvalidSlowCallRatio, syntax, method, "SlowCallRatio", method.Name, "without FailureRatio: slow calls are counted in a ratio window; without SlowCallRatio they count as failures");
            }
        }

        public static void CheckFallback(SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known)
        {
            if (Named(attribute, "HandleOnResult") is { } predicate)
            {
                CheckPredicate(context, method, attribute, syntax, known, ResultType(method, known), "Fallback", "HandleOnResult", predicate);
            }
        }

        /// <summary>RES0035: at most one [Timeout] per scope; reported on the second of a scope.</summary>
        public static void CheckTimeoutScopes(SymbolAnalysisContext context, IMethodSymbol method, IReadOnlyList<AttributeData> timeouts)
        {
            var seen = new HashSet<int>();
            foreach (AttributeData timeout in timeouts)
            {
                int scope = Int(timeout, "Scope");
                if (!seen.Add(scope))
                {
                    Location location = timeout.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? method.Locations[0];
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.DuplicateTimeoutScope, location, method.Name, scope == 1 ? "Overall" : "Attempt"));
                }
            }
        }

        /// <summary>The type a result predicate receives: T of T, Task&lt;T&gt; or ValueTask&lt;T&gt;; null when the method returns no result.</summary>
        public static ITypeSymbol? ResultType(IMethodSymbol method, KnownSymbols known)
        {
            ITypeSymbol type = method.ReturnType;
            if (method.ReturnsVoid || Is(type, known.Task) || Is(type, known.ValueTask))
            {
                return null;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } named
                && (Is(named.OriginalDefinition, known.TaskOfT) || Is(named.OriginalDefinition, known.ValueTaskOfT)))
            {
                return named.TypeArguments[0];
            }

            return type;
        }

        private static void CheckPredicate(
            SymbolAnalysisContext context, IMethodSymbol method, AttributeData attribute, AttributeSyntax? syntax, KnownSymbols known,
            ITypeSymbol? result, string attributeName, string property, string name)
        {
            if (result is null)
            {
                Report(context, DiagnosticDescriptors.ResultOptionWithoutResult, syntax, method, property, method.Name, property, attributeName);
                return;
            }

            bool valid = Candidates(method, name).Any(m =>
                m.ReturnType.SpecialType == SpecialType.System_Boolean
                && m.Parameters.Length == 1
                && m.Parameters[0].RefKind is RefKind.None or RefKind.In
                && context.Compilation.HasImplicitConversion(result, m.Parameters[0].Type));
            if (!valid)
            {
                Report(context, DiagnosticDescriptors.InvalidResultPredicate, syntax, method, property,
                    method.Name, property, attributeName, name, Display(result), method.ContainingType.Name, StaticHint(method, name));
            }
        }

        private static bool IsTimeSpanReader(Compilation compilation, IMethodSymbol candidate, ITypeSymbol result, KnownSymbols known)
        {
            if (candidate.Parameters.Length != 1 || candidate.Parameters[0].RefKind is not (RefKind.None or RefKind.In)
                || candidate.ReturnType is not INamedTypeSymbol { IsGenericType: true } returned
                || returned.OriginalDefinition.SpecialType != SpecialType.System_Nullable_T
                || returned.TypeArguments[0].ToDisplayString() != "System.TimeSpan")
            {
                return false;
            }

            ITypeSymbol parameter = candidate.Parameters[0].Type;
            return compilation.HasImplicitConversion(result, parameter) || Is(parameter, known.Exception);
        }

        /// <summary>Ordinary non-generic methods of that name the generated body can call: static ones always, instance ones from instance methods.</summary>
        private static IEnumerable<IMethodSymbol> Candidates(IMethodSymbol method, string name) =>
            method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Where(m =>
                m.MethodKind == MethodKind.Ordinary && m.TypeParameters.Length == 0 && (m.IsStatic || !method.IsStatic));

        private static string StaticHint(IMethodSymbol method, string name) =>
            method.IsStatic && method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Any(m => !m.IsStatic)
                ? " callable from static method '" + method.Name + "' (make it static)"
                : string.Empty;

        private static void Report(SymbolAnalysisContext context, DiagnosticDescriptor descriptor, AttributeSyntax? syntax, IMethodSymbol method, string property, params object[] arguments)
        {
            Location location = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property)?.GetLocation()
                ?? syntax?.GetLocation()
                ?? method.Locations[0];
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, arguments));
        }

        private static string? Named(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value as string;

        private static int Int(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is int value ? value : 0;

        private static double Double(AttributeData attribute, string name) =>
            attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value switch
            {
                double d => d,
                int i => i,
                _ => 0,
            };

        private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type is not null && known is not null && SymbolEqualityComparer.Default.Equals(type, known);
    }
}
