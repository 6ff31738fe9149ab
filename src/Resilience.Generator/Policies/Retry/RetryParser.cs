using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Retry]</c> into the <c>RetryOptions</c> initializer of the method's <c>RetryPolicy</c>.</summary>
    internal static class RetryParser
    {
        public static PolicySpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Retry", RetryUsage.Rules, method, report, cancellationToken);
            RetryUsage.CheckDelays(values);
            return new PolicySpec(policyName, values.OptionsWithFilter("RetryOn", "AbortOn"));
        }

        /// <summary>
        /// The result and callback options: <c>RetryOnResult</c> (for <c>HttpResponseMessage</c>, the transient statuses by
        /// default), <c>RetryAfter</c> (for <c>HttpResponseMessage</c>, the <c>Retry-After</c> header by default) and <c>OnRetry</c>.
        /// Null when none applies, so the loop keeps its plain shape. An option naming no usable method reports RES0030–RES0032
        /// or RES0036 through <paramref name="report"/>, which stubs the method.
        /// </summary>
        public static RetryOutcomeSpec? ParseOutcome(
            AttributeData attribute, IMethodSymbol method, ITypeSymbol? result, Compilation compilation, UsageReport report, CancellationToken cancellationToken)
        {
            var values = new ArgumentValues(attribute, "Retry", method, report, cancellationToken);
            bool http = OutcomeMethods.IsHttpResponse(result);
            string? isFailure = OutcomeMethods.Named(attribute, "RetryOnResult") is { } predicate
                ? OutcomeMethods.Predicate(compilation, values, result, "RetryOnResult", predicate)
                : http ? "global::Resilience.HttpResponseClassifier.IsTransientFailure" : null;

            string? afterResult = http ? "global::Resilience.RetryAfterHeader.GetDelay" : null;
            string? afterException = null;
            if (OutcomeMethods.Named(attribute, "RetryAfter") is { } reader)
            {
                if (result is null)
                {
                    OutcomeMethods.ReportWithoutResult(values, "RetryAfter");
                }
                else
                {
                    string? readsResult = OutcomeMethods.RetryAfterReader(compilation, method, result, reader, forException: false);
                    afterException = OutcomeMethods.RetryAfterReader(compilation, method, result, reader, forException: true);
                    afterResult = readsResult ?? afterResult;
                    if (readsResult is null && afterException is null)
                    {
                        OutcomeMethods.ReportInvalidRetryAfter(values, result, reader);
                    }
                }
            }

            string? onRetry = null;
            string? attemptType = null;
            if (OutcomeMethods.Named(attribute, "OnRetry") is { } callback)
            {
                INamedTypeSymbol? attempt = result is null
                    ? compilation.GetTypeByMetadataName("Resilience.RetryAttempt")
                    : compilation.GetTypeByMetadataName("Resilience.RetryAttempt`1")?.Construct(result);
                onRetry = OutcomeMethods.OnRetry(values, attempt, result, callback);
                attemptType = attempt is null ? null : SymbolNames.Type(attempt);
            }

            return isFailure is null && afterException is null && onRetry is null
                ? null
                : new RetryOutcomeSpec(isFailure, isFailure is null ? null : afterResult, afterException, onRetry, attemptType, DisposesResult: http);
        }
    }
}
