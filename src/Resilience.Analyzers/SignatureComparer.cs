using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers
{
    /// <summary>
    /// The signature rules the generator relies on: the <c>{Name}Core</c> implementation and fallback methods.
    /// Each method returns null when the candidate fits, or a sentence saying why it does not.
    /// </summary>
    internal static class SignatureComparer
    {
        public static string? Describe(IMethodSymbol method, IMethodSymbol core)
        {
            if (core.TypeParameters.Length != method.TypeParameters.Length)
            {
                return $"it has {core.TypeParameters.Length} type parameter(s), expected {method.TypeParameters.Length}";
            }

            if (core.IsStatic != method.IsStatic)
            {
                return method.IsStatic ? "it must be static" : "it must not be static";
            }

            var constructed = Construct(core, method);
            if (constructed.Parameters.Length != method.Parameters.Length)
            {
                return $"it has {core.Parameters.Length} parameter(s), expected {method.Parameters.Length}";
            }

            for (var i = 0; i < method.Parameters.Length; i++)
            {
                var expected = method.Parameters[i];
                var actual = constructed.Parameters[i];
                if (!SymbolEqualityComparer.Default.Equals(expected.Type, actual.Type) || expected.RefKind != actual.RefKind)
                {
                    return $"parameter {i + 1} is '{Display(actual)}', expected '{Display(expected)}'";
                }
            }

            if (!SymbolEqualityComparer.Default.Equals(constructed.ReturnType, method.ReturnType))
            {
                return $"it returns '{constructed.ReturnType.ToDisplayString()}', expected '{method.ReturnType.ToDisplayString()}'";
            }

            return null;
        }

        public static string? DescribeFallback(IMethodSymbol method, IMethodSymbol fallback, KnownSymbols known)
        {
            if (fallback.TypeParameters.Length != method.TypeParameters.Length)
            {
                return $"it has {fallback.TypeParameters.Length} type parameter(s), expected {method.TypeParameters.Length}";
            }

            if (method.IsStatic && !fallback.IsStatic)
            {
                return "the method is static, so its fallback must be static";
            }

            var constructed = Construct(fallback, method);
            var count = method.Parameters.Length;
            var parameters = constructed.Parameters;
            var withException = parameters.Length == count + 1;
            if (parameters.Length != count && !withException)
            {
                return $"it has {parameters.Length} parameter(s); expected the method's {count} parameter(s), optionally followed by one System.Exception parameter";
            }

            for (var i = 0; i < count; i++)
            {
                var expected = method.Parameters[i];
                var actual = parameters[i];
                if (!SymbolEqualityComparer.Default.Equals(expected.Type, actual.Type) || expected.RefKind != actual.RefKind)
                {
                    return $"parameter {i + 1} is '{Display(actual)}', expected '{Display(expected)}'";
                }
            }

            if (withException)
            {
                var last = parameters[count];
                if (!SymbolEqualityComparer.Default.Equals(last.Type, known.Exception) || last.RefKind != RefKind.None)
                {
                    return $"its extra last parameter is '{Display(last)}', expected 'System.Exception'";
                }
            }

            if (!IsCompatibleReturn(method.ReturnType, constructed.ReturnType, known))
            {
                return $"it returns '{constructed.ReturnType.ToDisplayString()}', which is not compatible with '{method.ReturnType.ToDisplayString()}'";
            }

            return null;
        }

        private static bool IsCompatibleReturn(ITypeSymbol expected, ITypeSymbol actual, KnownSymbols known)
        {
            if (SymbolEqualityComparer.Default.Equals(expected, actual))
            {
                return true;
            }

            // Task / ValueTask: a synchronous (void) fallback, or either awaitable.
            if (IsType(expected, known.Task) || IsType(expected, known.ValueTask))
            {
                return actual.SpecialType == SpecialType.System_Void || IsType(actual, known.Task) || IsType(actual, known.ValueTask);
            }

            // Task<T> / ValueTask<T>: T itself, or either awaitable of T.
            if (TryGetResult(expected, known, out var result))
            {
                if (SymbolEqualityComparer.Default.Equals(actual, result))
                {
                    return true;
                }

                return TryGetResult(actual, known, out var actualResult) && SymbolEqualityComparer.Default.Equals(actualResult, result);
            }

            return false;
        }

        public static bool TryGetResult(ITypeSymbol type, KnownSymbols known, out ITypeSymbol result)
        {
            if (type is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1
                && (IsType(named.OriginalDefinition, known.TaskOfT) || IsType(named.OriginalDefinition, known.ValueTaskOfT)))
            {
                result = named.TypeArguments[0];
                return true;
            }

            result = type;
            return false;
        }

        private static bool IsType(ITypeSymbol type, INamedTypeSymbol? known) =>
            known is not null && SymbolEqualityComparer.Default.Equals(type, known);

        // Generic methods: compare the candidate's signature as if its type parameters were the method's.
        private static IMethodSymbol Construct(IMethodSymbol candidate, IMethodSymbol method)
        {
            if (candidate.TypeParameters.Length == 0 || candidate.TypeParameters.Length != method.TypeParameters.Length)
            {
                return candidate;
            }

            var arguments = new ITypeSymbol[method.TypeParameters.Length];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = method.TypeParameters[i];
            }

            return candidate.Construct(arguments);
        }

        private static string Display(IParameterSymbol parameter)
        {
            var type = parameter.Type.ToDisplayString();
            return parameter.RefKind switch
            {
                RefKind.Ref => "ref " + type,
                RefKind.Out => "out " + type,
                RefKind.In => "in " + type,
                _ => type,
            };
        }
    }
}
