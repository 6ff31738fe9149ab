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
                    fallbacks.Add(new FallbackSpec(name!, resolved.Match.PassesException, resolved.Match.IsAwaited, resolved.Match.ReturnsNothing, exceptions, handleOnResult, FallbackUsage.Order(attribute)));
                }
            }

            return fallbacks.ToImmutableEquatableArray();
        }
    }
}
