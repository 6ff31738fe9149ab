using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>The usage rules of <c>[Retry]</c>: its ranges (RES0007), exception lists (RES0008) and <c>ShouldRetry</c> (RES0018).</summary>
    internal static class RetryUsage
    {
        public const int DefaultBaseDelayMs = 1000;
        public const int DefaultMaxDelayMs = 60_000;

        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.Int("MaxRetries", v => v >= 0, "it must be 0 or more"),
            ArgumentRule.Int("BaseDelayMs", v => v >= 0, "it must be 0 or more"),
            ArgumentRule.Int("MaxDelayMs", v => v >= 0, "it must be 0 or more"),
            ArgumentRule.Int("MaxTotalDelayMs", v => v >= 0, "it must be 0 (no budget) or more"),
            ArgumentRule.Double("ExponentialBase", v => v >= 1.0 && !double.IsInfinity(v), "it must be 1.0 or more"),
            ArgumentRule.Enum("Backoff"),
            ArgumentRule.Enum("Jitter"),
            ArgumentRule.ExceptionTypes("RetryOn"),
            ArgumentRule.ExceptionTypes("AbortOn"),
            ArgumentRule.Read("ShouldRetry", ReadShouldRetry),
        };

        /// <summary>Checks what spans arguments: the base delay may not exceed the maximum delay.</summary>
        public static void CheckDelays(ArgumentValues values)
        {
            int baseDelay = values.Int("BaseDelayMs", DefaultBaseDelayMs);
            int maxDelay = values.Int("MaxDelayMs", DefaultMaxDelayMs);
            if (baseDelay < 0 || maxDelay < 0 || baseDelay <= maxDelay)
            {
                return;
            }

            if (values.HasInt("BaseDelayMs"))
            {
                AttributeArguments.ReportInvalid(values, "BaseDelayMs", baseDelay, "it must not exceed MaxDelayMs (" + maxDelay.ToString(CultureInfo.InvariantCulture) + ")");
            }
            else
            {
                AttributeArguments.ReportInvalid(values, "MaxDelayMs", maxDelay, "it must not be less than BaseDelayMs (" + baseDelay.ToString(CultureInfo.InvariantCulture) + ")");
            }
        }

        private static void ReadShouldRetry(TypedConstant value, ArgumentValues values)
        {
            if (value.Value is not string predicate)
            {
                return;
            }

            if (IsExceptionPredicate(values.Method.ContainingType, predicate))
            {
                values.AddOption("ShouldRetry", SymbolNames.EscapeIdentifier(predicate));
            }
            else
            {
                values.Report.Report(UsageDescriptors.InvalidShouldRetry, values.NamedLocation("ShouldRetry"), values.Method.Name, predicate, values.Method.ContainingType.Name);
            }
        }

        private static bool IsExceptionPredicate(INamedTypeSymbol type, string name) =>
            name.Length > 0 && type.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
                m.IsStatic
                && m.MethodKind == MethodKind.Ordinary
                && m.ReturnType.SpecialType == SpecialType.System_Boolean
                && m.TypeParameters.Length == 0
                && m.Parameters.Length == 1
                && m.Parameters[0].RefKind == RefKind.None
                && m.Parameters[0].Type.ToDisplayString() == "System.Exception");
    }
}
