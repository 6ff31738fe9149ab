using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads the <c>[Fallback]</c> attributes, ordered by <c>Order</c> then by position, into the fallback chain.</summary>
    internal static class FallbackParser
    {
        public static ImmutableEquatableArray<FallbackSpec> Parse(List<AttributeData> attributes, IMethodSymbol method, ITypeSymbol? result, Compilation compilation, UsageReport report, CancellationToken cancellationToken)
        {
            if (attributes.Count == 0)
            {
                return ImmutableEquatableArray<FallbackSpec>.Empty;
            }

            FallbackUsage.CheckOrders(method, attributes, report, cancellationToken);
            var fallbacks = new List<FallbackSpec>();
            foreach (AttributeData attribute in attributes.Select((a, index) => (a, index)).OrderBy(x => FallbackUsage.Order(x.a)).ThenBy(x => x.index).Select(x => x.a))
            {
                ArgumentValues values = AttributeArguments.Read(attribute, "Fallback", FallbackUsage.Rules, method, report, cancellationToken);
                if (attribute.ConstructorArguments.Length != 1)
                {
                    continue; // the compiler reports the missing argument
                }

                string? name = attribute.ConstructorArguments[0].Value as string;
                if (FallbackUsage.Resolve(values, name) is { } resolved)
                {
                    string? exceptions = ExceptionTypes.Filter(values.Types("HandleOn"), values.Types("SkipOn"));
                    string? handleOnResult = OutcomeMethods.Named(attribute, "HandleOnResult") is { } predicate
                        ? OutcomeMethods.Predicate(compilation, values, result, "HandleOnResult", predicate)
                        : null;
                    fallbacks.Add(new FallbackSpec(name!, resolved.Match.PassesException, resolved.Match.IsAwaited, resolved.Match.ReturnsNothing, exceptions, handleOnResult, HandlesRejection(attribute, compilation), FallbackUsage.Order(attribute)));
                }
            }

            return fallbacks.ToImmutableEquatableArray();
        }

        /// <summary>
        /// Whether the attribute's <c>HandleOn</c>/<c>SkipOn</c> accept a <c>CircuitBreakerOpenException</c>, as
        /// <c>ExceptionTypeFilter</c> decides at run time: then an open breaker's rejection may go to the fallback without one.
        /// </summary>
        private static bool HandlesRejection(AttributeData attribute, Compilation compilation)
        {
            if (compilation.GetTypeByMetadataName("Resilience.CircuitBreakerOpenException") is not { } rejection)
            {
                return false;
            }

            if (Listed(attribute, "SkipOn").Any(type => DerivesFrom(rejection, type)))
            {
                return false;
            }

            List<ITypeSymbol> include = Listed(attribute, "HandleOn");
            return include.Count == 0 || include.Any(type => DerivesFrom(rejection, type));
        }

        private static List<ITypeSymbol> Listed(AttributeData attribute, string property)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == property && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
                {
                    return argument.Value.Values.Select(v => v.Value).OfType<ITypeSymbol>().ToList();
                }
            }

            return new List<ITypeSymbol>();
        }

        private static bool DerivesFrom(ITypeSymbol type, ITypeSymbol baseType)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
