using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Retry]</c> into the <c>RetryOptions</c> initializer of the method's <c>RetryPolicy</c>.</summary>
    internal static class RetryParser
    {
        private static readonly ArgumentRule[] s_rules =
        {
            ArgumentRule.Int("MaxRetries", v => v >= 0, "Retry.MaxRetries must be 0 or more"),
            ArgumentRule.Int("BaseDelayMs", v => v >= 0, "Retry.BaseDelayMs must be 0 or more"),
            ArgumentRule.Int("MaxDelayMs", v => v >= 0, "Retry.MaxDelayMs must be 0 or more"),
            ArgumentRule.Int("MaxTotalDelayMs", v => v >= 0, "Retry.MaxTotalDelayMs must be 0 or more"),
            ArgumentRule.Double("ExponentialBase", v => v >= 1.0 && !double.IsInfinity(v), "Retry.ExponentialBase must be 1.0 or more"),
            ArgumentRule.Enum("Backoff"),
            ArgumentRule.Enum("Jitter"),
            ArgumentRule.ExceptionTypes("RetryOn"),
            ArgumentRule.ExceptionTypes("AbortOn"),
            ArgumentRule.Read("ShouldRetry", ReadShouldRetry),
        };

        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Retry", s_rules, method, stub);
            stub.Require(values.Int("BaseDelayMs", 1000) <= values.Int("MaxDelayMs", 60_000), "Retry.BaseDelayMs must not exceed MaxDelayMs");
            return new PolicySpec(policyName, values.OptionsWithFilter("RetryOn", "AbortOn"));
        }

        /// <summary>
        /// The result and callback options: <c>RetryOnResult</c> (for <c>HttpResponseMessage</c>, the transient statuses by
        /// default), <c>RetryAfter</c> (for <c>HttpResponseMessage</c>, the <c>Retry-After</c> header by default) and <c>OnRetry</c>.
        /// Null when none applies, so the loop keeps its plain shape.
        /// </summary>
        public static RetryOutcomeSpec? ParseOutcome(AttributeData attribute, IMethodSymbol method, ITypeSymbol? result, Compilation compilation, StubReasons stub)
        {
            bool http = OutcomeMethods.IsHttpResponse(result);
            string? isFailure = OutcomeMethods.Named(attribute, "RetryOnResult") is { } predicate
                ? OutcomeMethods.Predicate(compilation, method, result, predicate, "Retry.RetryOnResult", stub)
                : http ? "global::Resilience.HttpResponseClassifier.IsTransientFailure" : null;

            string? afterResult = http ? "global::Resilience.RetryAfterHeader.GetDelay" : null;
            string? afterException = null;
            if (OutcomeMethods.Named(attribute, "RetryAfter") is { } reader)
            {
                if (result is null)
                {
                    stub.Add("Retry.RetryAfter needs a result to inspect");
                }
                else
                {
                    afterResult = OutcomeMethods.RetryAfterReader(compilation, method, result, reader, forException: false) ?? afterResult;
                    afterException = OutcomeMethods.RetryAfterReader(compilation, method, result, reader, forException: true);
                    stub.Require(afterException is not null || afterResult is not null, $"Retry.RetryAfter '{reader}' is not a 'TimeSpan? {reader}(result)' or 'TimeSpan? {reader}(Exception)' method");
                }
            }

            string? onRetry = null;
            string? attemptType = null;
            if (OutcomeMethods.Named(attribute, "OnRetry") is { } callback)
            {
                INamedTypeSymbol? attempt = result is null
                    ? compilation.GetTypeByMetadataName("Resilience.RetryAttempt")
                    : compilation.GetTypeByMetadataName("Resilience.RetryAttempt`1")?.Construct(result);
                onRetry = OutcomeMethods.Callback(method, attempt, callback, "Retry.OnRetry", requireStatic: false, stub);
                attemptType = attempt is null ? null : SymbolNames.Type(attempt);
            }

            return isFailure is null && afterException is null && onRetry is null
                ? null
                : new RetryOutcomeSpec(isFailure, isFailure is null ? null : afterResult, afterException, onRetry, attemptType, DisposesResult: http);
        }

        private static void ReadShouldRetry(TypedConstant value, ArgumentValues values)
        {
            string? predicate = value.Value as string;
            if (IsExceptionPredicate(values.Method.ContainingType, predicate))
            {
                values.AddOption("ShouldRetry", SymbolNames.EscapeIdentifier(predicate!));
            }
            else
            {
                values.Stub.Add($"Retry.ShouldRetry '{predicate}' is not a static bool method taking an Exception");
            }
        }

        private static bool IsExceptionPredicate(INamedTypeSymbol type, string? name) =>
            name is { Length: > 0 } && type.GetMembers(name).OfType<IMethodSymbol>().Any(m =>
                m.IsStatic
                && m.ReturnType.SpecialType == SpecialType.System_Boolean
                && m.TypeParameters.Length == 0
                && m.Parameters.Length == 1
                && m.Parameters[0].RefKind == RefKind.None
                && m.Parameters[0].Type.ToDisplayString() == "System.Exception");
    }
}
