using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads the <c>[Fallback]</c> attributes, ordered by <c>Order</c> then by position, into the fallback chain.</summary>
    internal static class FallbackParser
    {
        private static readonly ArgumentRule[] s_rules =
        {
            ArgumentRule.ExceptionTypes("HandleOn"),
            ArgumentRule.ExceptionTypes("SkipOn"),
        };

        public static ImmutableEquatableArray<FallbackSpec> Parse(List<AttributeData> attributes, IMethodSymbol method, ReturnKind returnKind, Compilation compilation, StubReasons stub)
        {
            if (attributes.Count == 0)
            {
                return ImmutableEquatableArray<FallbackSpec>.Empty;
            }

            var ordered = attributes
                .Select((a, index) => (Attribute: a, Index: index, Order: a.NamedArguments.FirstOrDefault(n => n.Key == "Order").Value.Value is int o ? o : 0))
                .OrderBy(x => x.Order)
                .ThenBy(x => x.Index)
                .ToList();

            var fallbacks = new List<FallbackSpec>();
            foreach (var (attribute, _, _) in ordered)
            {
                string? name = AttributeArguments.Constructor(attribute, 0, count: 1) as string;
                ArgumentValues values = AttributeArguments.Read(attribute, "Fallback", s_rules, method, stub);
                if (name is null || name == method.Name || name == method.Name + "Core")
                {
                    stub.Add($"fallback '{name}' is not another method");
                    continue;
                }

                FallbackSpec? spec = Match(method, returnKind, name, ExceptionTypes.Filter(values.Types("HandleOn"), values.Types("SkipOn")));
                if (spec is null)
                {
                    stub.Add($"fallback '{name}' has no overload with the method's parameters (optionally plus a trailing Exception) and a compatible return type");
                    continue;
                }

                if (OutcomeMethods.Named(attribute, "HandleOnResult") is { } predicate)
                {
                    spec = spec with
                    {
                        HandleOnResult = OutcomeMethods.Predicate(compilation, method, OutcomeMethods.ResultType(method, returnKind), predicate, "Fallback.HandleOnResult", stub),
                    };
                }

                fallbacks.Add(spec);
            }

            return fallbacks.ToImmutableEquatableArray();
        }

        /// <summary>The first overload of <paramref name="name"/> the generated code can call in place of the method.</summary>
        private static FallbackSpec? Match(IMethodSymbol method, ReturnKind returnKind, string name, string? exceptions)
        {
            foreach (IMethodSymbol candidate in method.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
            {
                if ((method.IsStatic && !candidate.IsStatic) || candidate.TypeParameters.Length != method.TypeParameters.Length)
                {
                    continue;
                }

                IMethodSymbol constructed = MethodShape.ConstructLike(candidate, method);
                int extra = constructed.Parameters.Length - method.Parameters.Length;
                if (extra is not (0 or 1) || !MethodShape.SameParameters(method, constructed, method.Parameters.Length))
                {
                    continue;
                }

                bool passesException = extra == 1;
                if (passesException && constructed.Parameters[method.Parameters.Length].Type.ToDisplayString() != "System.Exception")
                {
                    continue;
                }

                FallbackSpec? spec = MatchReturn(method, returnKind, constructed.ReturnType, name, passesException, exceptions);
                if (spec is not null)
                {
                    return spec;
                }
            }

            return null;
        }

        private static FallbackSpec? MatchReturn(IMethodSymbol method, ReturnKind returnKind, ITypeSymbol returnType, string name, bool passesException, string? exceptions)
        {
            bool returnsNothing = returnType.SpecialType == SpecialType.System_Void;
            switch (returnKind)
            {
                case ReturnKind.Void:
                case ReturnKind.Value:
                    return SymbolEqualityComparer.Default.Equals(returnType, method.ReturnType)
                        ? new FallbackSpec(name, passesException, IsAwaited: false, returnsNothing, exceptions)
                        : null;
                case ReturnKind.Task:
                case ReturnKind.ValueTask:
                    if (returnsNothing)
                    {
                        return new FallbackSpec(name, passesException, IsAwaited: false, ReturnsNothing: true, exceptions);
                    }

                    return MethodShape.GetTaskKind(returnType) is ReturnKind.Task or ReturnKind.ValueTask
                        ? new FallbackSpec(name, passesException, IsAwaited: true, ReturnsNothing: true, exceptions)
                        : null;
                default:
                    ITypeSymbol result = ((INamedTypeSymbol)method.ReturnType).TypeArguments[0];
                    if (SymbolEqualityComparer.Default.Equals(returnType, result))
                    {
                        return new FallbackSpec(name, passesException, IsAwaited: false, ReturnsNothing: false, exceptions);
                    }

                    return MethodShape.GetTaskKind(returnType) is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT
                        && SymbolEqualityComparer.Default.Equals(((INamedTypeSymbol)returnType).TypeArguments[0], result)
                        ? new FallbackSpec(name, passesException, IsAwaited: true, ReturnsNothing: false, exceptions)
                        : null;
            }
        }
    }
}
