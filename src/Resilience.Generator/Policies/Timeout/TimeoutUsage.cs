using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules of <c>[Timeout]</c>: a positive duration (RES0007), a token to cancel (RES0014, a warning) and at most
    /// one attribute per <c>TimeoutScope</c> (RES0035).
    /// </summary>
    internal static class TimeoutUsage
    {
        public static void Check(ArgumentValues values, int? ms)
        {
            if (ms is <= 0)
            {
                AttributeArguments.ReportInvalid(values, "Ms", ms.Value, "it must be 1 or more", values.ConstructorLocation);
            }

            if (!values.Method.Parameters.Any(p => MethodShape.IsCancellationToken(p.Type)))
            {
                values.Report.Report(UsageDescriptors.TimeoutWithoutCancellationToken, values.Location, values.Method.Name);
            }
        }

        /// <summary>RES0035 on every [Timeout] after the first of its scope.</summary>
        public static void CheckScopes(IMethodSymbol method, IReadOnlyList<AttributeData> duplicates, UsageReport report, CancellationToken cancellationToken)
        {
            foreach (AttributeData duplicate in duplicates)
            {
                bool overall = duplicate.NamedArguments.Any(a => a.Key == "Scope" && a.Value.Value is int scope && scope == 1);
                Location location = duplicate.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0];
                report.Report(UsageDescriptors.DuplicateTimeoutScope, location, method.Name, overall ? "Overall" : "Attempt");
            }
        }
    }
}
