using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1010: an idempotency key generated inside the attempt (<c>Guid.NewGuid()</c>, <c>Guid.CreateVersion7()</c>)
    /// is a new key on every retry, so the server cannot recognise the repeat. What counts is where the value sent as
    /// "Idempotency-Key" / <c>IdempotencyKey</c> / <c>idempotencyKey</c> comes from, not that a key is present.
    /// </summary>
    internal sealed class PerAttemptIdempotencyKeyRule : HazardRule
    {
        public static readonly PerAttemptIdempotencyKeyRule Instance = new PerAttemptIdempotencyKeyRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.PerAttemptIdempotencyKey;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            if (scan.IdempotencyKeys.Count == 0
                || invocation.TargetMethod is not { IsStatic: true, Name: "NewGuid" or "CreateVersion7" } method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType, scan.Context.Guid))
            {
                return;
            }

            foreach (var key in scan.IdempotencyKeys)
            {
                if (FlowsInto(invocation, key, scan.Ownership, 0))
                {
                    scan.Report(Descriptors, invocation, "generates its idempotency key with 'Guid." + method.Name + "()' inside the attempt, so every retry sends a new key");
                    return;
                }
            }
        }

        private static bool FlowsInto(IOperation generated, IOperation value, LocalOwnership ownership, int depth)
        {
            if (depth > LocalOwnership.MaxDepth)
            {
                return false;
            }

            foreach (var part in value.DescendantsAndSelf())
            {
                if (part == generated)
                {
                    return true;
                }

                if (Unwrap(part) is ILocalReferenceOperation local)
                {
                    foreach (var assigned in ownership.ValuesOf(local.Local))
                    {
                        if (FlowsInto(generated, assigned, ownership, depth + 1))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }
    }
}
