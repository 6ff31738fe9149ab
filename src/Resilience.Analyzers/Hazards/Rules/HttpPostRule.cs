using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1006: <c>HttpClient.PostAsync/PatchAsync/…AsJsonAsync</c>, or <c>Send(Async)</c> of a request built with
    /// POST/PATCH, in a body that never names an "Idempotency-Key" header.
    /// </summary>
    internal sealed class HttpPostRule : HazardRule
    {
        public static readonly HttpPostRule Instance = new HttpPostRule();

        private static readonly string[] HttpPostMethods = { "PostAsync", "PatchAsync", "PostAsJsonAsync", "PatchAsJsonAsync" };

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.HttpPostWithoutIdempotencyKey;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            var method = invocation.TargetMethod;
            var receiverType = method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : invocation.Instance?.Type;
            if (receiverType is null || scan.MentionsIdempotencyKey)
            {
                return;
            }

            if (Array.IndexOf(HttpPostMethods, method.Name) >= 0 && DerivesFrom(receiverType, scan.Known.HttpClient))
            {
                var verb = method.Name.StartsWith("Patch", StringComparison.Ordinal) ? "PATCH" : "POST";
                scan.Report(Descriptors, invocation, "sends an HTTP " + verb + " with '" + method.Name + "' without an 'Idempotency-Key' header");
            }
            else if (method.Name is "SendAsync" or "Send" && scan.UsesPostOrPatch && DerivesFrom(receiverType, scan.Known.HttpMessageInvoker))
            {
                scan.Report(Descriptors, invocation, "sends an HTTP POST/PATCH request with '" + method.Name + "' without an 'Idempotency-Key' header");
            }
        }
    }
}
