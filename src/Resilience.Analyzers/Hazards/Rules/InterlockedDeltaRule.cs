using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1002: <c>Interlocked.Increment/Decrement/Add</c> on shared storage. Atomic, but still a delta: a retry applies it
    /// twice. <c>Exchange</c> and <c>CompareExchange</c> set absolute values and are not reported.
    /// </summary>
    internal sealed class InterlockedDeltaRule : HazardRule
    {
        public static readonly InterlockedDeltaRule Instance = new InterlockedDeltaRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.InterlockedDelta;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            var method = invocation.TargetMethod;
            if (scan.Known.Interlocked is { } interlocked
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, interlocked)
                && method.Name is "Increment" or "Decrement" or "Add"
                && invocation.Arguments.Length > 0
                && scan.Ownership.IsShared(invocation.Arguments[0].Value))
            {
                scan.Report(Descriptors, invocation, "calls Interlocked." + method.Name + " on " + Describe(invocation.Arguments[0].Value),
                    HazardContext.MemberOf(invocation.Arguments[0].Value));
            }
        }
    }
}
