using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Resilience.Shared
{
    /// <summary>
    /// The signature rules of the <c>{Name}Core</c> implementation and of fallback methods — one copy, compiled into the
    /// generator (which decides what it can call) and the analyzers (which find a root's implementation).
    /// The <c>Describe</c> methods return null when the candidate fits, or a sentence saying why it does not.
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

            IMethodSymbol constructed = Construct(core, method);
            if (constructed.Parameters.Length != method.Parameters.Length)
            {
                return $"it has {core.Parameters.Length} parameter(s), expected {method.Parameters.Length}";
            }

            for (int i = 0; i < method.Parameters.Length; i++)
            {
                IParameterSymbol expected = method.Parameters[i];
                IParameterSymbol actual = constructed.Parameters[i];
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

        /// <summary>The declaration a missing <c>{Name}Core</c> should have: <c>private Task&lt;int&gt; FetchCore(string id, CancellationToken ct)</c>.</summary>
        public static string ExpectedCore(IMethodSymbol method)
        {
            var parameters = new List<string>();
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                parameters.Add(Display(parameter, SymbolDisplayFormat.MinimallyQualifiedFormat) + " " + parameter.Name);
            }

            string typeParameters = method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", Names(method.TypeParameters)) + ">";
            return $"private {(method.IsStatic ? "static " : string.Empty)}{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} {method.Name}Core{typeParameters}({string.Join(", ", parameters)})";

            static IEnumerable<string> Names(IEnumerable<ITypeParameterSymbol> parameters)
            {
                foreach (ITypeParameterSymbol parameter in parameters)
                {
                    yield return parameter.Name;
                }
            }
        }

        /// <summary>Why <paramref name="fallback"/> cannot stand in for <paramref name="method"/>, or null with <paramref name="match"/> set.</summary>
        public static string? DescribeFallback(IMethodSymbol method, IMethodSymbol fallback, out FallbackMatch match)
        {
            match = default;
            if (fallback.TypeParameters.Length != method.TypeParameters.Length)
            {
                return $"it has {fallback.TypeParameters.Length} type parameter(s), expected {method.TypeParameters.Length}";
            }

            if (method.IsStatic && !fallback.IsStatic)
            {
                return "the method is static, so its fallback must be static";
            }

            IMethodSymbol constructed = Construct(fallback, method);
            int count = method.Parameters.Length;
            var parameters = constructed.Parameters;
            bool withException = parameters.Length == count + 1;
            if (parameters.Length != count && !withException)
            {
                return $"it has {parameters.Length} parameter(s); expected the method's {count} parameter(s), optionally followed by one System.Exception parameter";
            }

            for (int i = 0; i < count; i++)
            {
                IParameterSymbol expected = method.Parameters[i];
                IParameterSymbol actual = parameters[i];
                if (!SymbolEqualityComparer.Default.Equals(expected.Type, actual.Type) || expected.RefKind != actual.RefKind)
                {
                    return $"parameter {i + 1} is '{Display(actual)}', expected '{Display(expected)}'";
                }
            }

            if (withException)
            {
                IParameterSymbol last = parameters[count];
                if (!IsSystemType(last.Type, "Exception") || last.RefKind != RefKind.None)
                {
                    return $"its extra last parameter is '{Display(last)}', expected 'System.Exception'";
                }
            }

            if (!MatchReturn(method.ReturnType, constructed.ReturnType, out bool isAwaited))
            {
                return $"it returns '{constructed.ReturnType.ToDisplayString()}', which is not compatible with '{method.ReturnType.ToDisplayString()}'";
            }

            bool returnsNothing = method.ReturnsVoid || IsTaskType(method.ReturnType, "Task") || IsTaskType(method.ReturnType, "ValueTask");
            match = new FallbackMatch(withException, isAwaited, returnsNothing);
            return null;
        }

        /// <summary>
        /// Equal types; for Task/ValueTask a void (synchronous) fallback or either awaitable; for Task&lt;T&gt;/ValueTask&lt;T&gt;
        /// T itself or either awaitable of T. <paramref name="isAwaited"/>: the generated code awaits the fallback's result.
        /// </summary>
        private static bool MatchReturn(ITypeSymbol expected, ITypeSymbol actual, out bool isAwaited)
        {
            isAwaited = false;
            bool expectedTask = IsTaskType(expected, "Task") || IsTaskType(expected, "ValueTask");
            if (expectedTask)
            {
                isAwaited = IsTaskType(actual, "Task") || IsTaskType(actual, "ValueTask");
                return isAwaited || actual.SpecialType == SpecialType.System_Void;
            }

            if (TryGetResult(expected, out ITypeSymbol result))
            {
                if (SymbolEqualityComparer.Default.Equals(actual, result))
                {
                    return true;
                }

                isAwaited = TryGetResult(actual, out ITypeSymbol actualResult) && SymbolEqualityComparer.Default.Equals(actualResult, result);
                return isAwaited;
            }

            return SymbolEqualityComparer.Default.Equals(expected, actual);
        }

        /// <summary>The T of Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
        public static bool TryGetResult(ITypeSymbol type, out ITypeSymbol result)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                && (IsTaskType(named.OriginalDefinition, "Task`1") || IsTaskType(named.OriginalDefinition, "ValueTask`1")))
            {
                result = named.TypeArguments[0];
                return true;
            }

            result = type;
            return false;
        }

        private static bool IsTaskType(ITypeSymbol type, string metadataName) =>
            type is INamedTypeSymbol named && named.MetadataName == metadataName
            && named.ContainingNamespace is { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        private static bool IsSystemType(ITypeSymbol type, string name) =>
            type is INamedTypeSymbol named && named.MetadataName == name
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true };

        // Generic methods: compare the candidate's signature as if its type parameters were the method's.
        private static IMethodSymbol Construct(IMethodSymbol candidate, IMethodSymbol method)
        {
            if (candidate.TypeParameters.Length == 0 || candidate.TypeParameters.Length != method.TypeParameters.Length)
            {
                return candidate;
            }

            var arguments = new ITypeSymbol[method.TypeParameters.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = method.TypeParameters[i];
            }

            return candidate.Construct(arguments);
        }

        private static string Display(IParameterSymbol parameter, SymbolDisplayFormat? format = null)
        {
            string type = parameter.Type.ToDisplayString(format ?? SymbolDisplayFormat.CSharpErrorMessageFormat);
            return parameter.RefKind switch
            {
                RefKind.Ref => "ref " + type,
                RefKind.Out => "out " + type,
                RefKind.In => "in " + type,
                _ => type,
            };
        }
    }

    /// <summary>How the generated code calls a fallback: with the exception, awaiting it, and whether it returns nothing.</summary>
    internal readonly struct FallbackMatch
    {
        public FallbackMatch(bool passesException, bool isAwaited, bool returnsNothing)
        {
            PassesException = passesException;
            IsAwaited = isAwaited;
            ReturnsNothing = returnsNothing;
        }

        public bool PassesException { get; }

        public bool IsAwaited { get; }

        public bool ReturnsNothing { get; }
    }
}
