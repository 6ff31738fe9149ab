using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1001: <c>x += n</c>, <c>x++</c>, <c>x *= 2</c> … on a field, property, static or array element that outlives the
    /// attempt. <c>|=</c> and <c>&amp;=</c> are skipped: repeating them gives the same result.
    /// </summary>
    internal sealed class CompoundAssignmentRule : HazardRule
    {
        public static readonly CompoundAssignmentRule Instance = new CompoundAssignmentRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.CompoundAssignment;

        public override ImmutableArray<OperationKind> Kinds { get; } =
            ImmutableArray.Create(OperationKind.CompoundAssignment, OperationKind.Increment, OperationKind.Decrement);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            switch (operation)
            {
                case IIncrementOrDecrementOperation increment when scan.Ownership.IsShared(increment.Target):
                    scan.Report(
                        Descriptors,
                        increment,
                        (increment.Kind == OperationKind.Increment ? "increments " : "decrements ") + Describe(increment.Target),
                        HazardContext.MemberOf(increment.Target));
                    break;
                case ICompoundAssignmentOperation compound:
                    InspectCompound(compound, scan);
                    break;
            }
        }

        private void InspectCompound(ICompoundAssignmentOperation compound, HazardScan scan)
        {
            // x |= flag and x &= mask give the same result when repeated.
            if (compound.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or || !scan.Ownership.IsShared(compound.Target))
            {
                return;
            }

            var verb = compound.OperatorKind switch
            {
                BinaryOperatorKind.Add => "adds to ",
                BinaryOperatorKind.Subtract => "subtracts from ",
                BinaryOperatorKind.Multiply => "multiplies ",
                BinaryOperatorKind.Divide => "divides ",
                BinaryOperatorKind.Remainder => "takes the remainder of ",
                BinaryOperatorKind.ExclusiveOr => "toggles bits of ",
                BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift => "shifts ",
                _ => "changes ",
            };
            scan.Report(Descriptors, compound, verb + Describe(compound.Target), HazardContext.MemberOf(compound.Target));
        }
    }
}
