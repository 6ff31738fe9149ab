using System.Linq;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>The usage rules of <c>[Timeout]</c>: a positive duration (RES0007) and a token to cancel (RES0014, a warning).</summary>
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
    }
}
