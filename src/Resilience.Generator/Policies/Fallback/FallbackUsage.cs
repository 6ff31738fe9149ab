using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Shared;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules of <c>[Fallback]</c>: the named method exists (RES0005), is another method (RES0017) with a signature
    /// that can stand in (RES0006, every mismatching overload listed), the orders are distinct (RES0016), the exception lists
    /// hold exceptions (RES0008).
    /// </summary>
    internal static class FallbackUsage
    {
        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.ExceptionTypes("HandleOn"),
            ArgumentRule.ExceptionTypes("SkipOn"),
        };

        /// <summary>The overload the generated code calls, or null after reporting why there is none.</summary>
        public static (IMethodSymbol Method, FallbackMatch Match)? Resolve(ArgumentValues values, string? name)
        {
            IMethodSymbol method = values.Method;
            Location location = values.ConstructorLocation;
            if (name == method.Name || name == method.Name + "Core")
            {
                values.Report.Report(UsageDescriptors.FallbackIsSelf, location, name, method.Name);
                return null;
            }

            List<IMethodSymbol> candidates = string.IsNullOrEmpty(name)
                ? new List<IMethodSymbol>()
                : method.ContainingType.GetMembers(name!).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            if (candidates.Count == 0)
            {
                values.Report.Report(UsageDescriptors.FallbackNotFound, location, name ?? "null", method.Name, method.ContainingType.Name);
                return null;
            }

            var reasons = new List<string>();
            foreach (IMethodSymbol candidate in candidates)
            {
                string? reason = SignatureComparer.DescribeFallback(method, candidate, out FallbackMatch match);
                if (reason is null)
                {
                    return (candidate, match);
                }

                reasons.Add(candidates.Count == 1 ? reason : $"'{candidate.Name}({string.Join(", ", candidate.Parameters.Select(p => p.Type.ToDisplayString()))})': {reason}");
            }

            values.Report.Report(UsageDescriptors.FallbackIncompatible, location, name, method.Name, string.Join("; ", reasons));
            return null;
        }

        public static void CheckOrders(IMethodSymbol method, List<AttributeData> fallbacks, UsageReport report, System.Threading.CancellationToken cancellationToken)
        {
            var seen = new Dictionary<int, string>();
            foreach (AttributeData fallback in fallbacks)
            {
                int order = Order(fallback);
                string name = AttributeArguments.Constructor(fallback, 0, count: 1) as string ?? "?";
                if (seen.TryGetValue(order, out string? first))
                {
                    Location location = fallback.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0];
                    report.Report(UsageDescriptors.DuplicateFallbackOrder, location, first, name, method.Name, order.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    seen.Add(order, name);
                }
            }
        }

        public static int Order(AttributeData fallback) => fallback.NamedArguments.FirstOrDefault(n => n.Key == "Order").Value.Value is int order ? order : 0;
    }
}
