using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1003: a value read and written back as a relative change: <c>x = x + n</c> (also through locals and dictionary
    /// reads), and <c>SetQuota(t, GetQuota(t) + 1)</c> — a Get/Set (or Update) pair on the same receiver and arguments.
    /// </summary>
    internal sealed class ReadModifyWriteRule : HazardRule
    {
        public static readonly ReadModifyWriteRule Instance = new ReadModifyWriteRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.ReadModifyWrite;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.SimpleAssignment, OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            if (operation is ISimpleAssignmentOperation assignment)
            {
                InspectAssignment(assignment, scan);
            }
            else if (operation is IInvocationOperation setter)
            {
                InspectSetterCall(setter, scan);
            }
        }

        private void InspectAssignment(ISimpleAssignmentOperation assignment, HazardScan scan)
        {
            var target = Unwrap(assignment.Target);
            if (target is ILocalReferenceOperation or IParameterReferenceOperation || !scan.Ownership.IsShared(target))
            {
                return;
            }

            // flag = !flag, mask = ~mask: a toggle undoes itself on the retry.
            if (Unwrap(assignment.Value) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not or UnaryOperatorKind.BitwiseNegation } toggle
                && SameLocation(toggle.Operand, target))
            {
                scan.Report(Descriptors, assignment, "toggles " + Describe(target) + ", so a retry flips it back", HazardContext.MemberOf(target));
                return;
            }

            if (scan.Ownership.IsRelative(assignment.Value, candidate => SameLocation(candidate, target) || IsDictionaryRead(candidate, target)))
            {
                scan.Report(Descriptors, assignment, "writes " + Describe(target) + " back as a relative change of the value it read", HazardContext.MemberOf(target));
            }
        }

        // SetReplicasAsync(d, current + 1) where current came from GetReplicasAsync(d) on the same receiver.
        private void InspectSetterCall(IInvocationOperation setter, HazardScan scan)
        {
            var key = AccessorKey(setter.TargetMethod.Name, "Set") ?? AccessorKey(setter.TargetMethod.Name, "Update");
            if (key is null)
            {
                return;
            }

            var arguments = ValueArguments(setter, scan.Known);
            for (var i = 0; i < arguments.Count; i++)
            {
                var others = new List<IOperation>(arguments);
                others.RemoveAt(i);
                IInvocationOperation? getter = null;
                bool IsMatchingGetter(IOperation candidate)
                {
                    if (candidate is IInvocationOperation read
                        && AccessorKey(read.TargetMethod.Name, "Get") == key
                        && SameInstance(read.Instance, setter.Instance)
                        && (read.Instance is not null || SymbolEqualityComparer.Default.Equals(read.TargetMethod.ContainingType, setter.TargetMethod.ContainingType))
                        && SameValues(ValueArguments(read, scan.Known), others))
                    {
                        getter = read;
                        return true;
                    }

                    return false;
                }

                if (scan.Ownership.IsRelative(arguments[i], IsMatchingGetter) && getter is not null)
                {
                    scan.Report(
                        Descriptors,
                        setter,
                        "reads a value with '" + getter.TargetMethod.Name + "' and writes a relative change of it back with '" + setter.TargetMethod.Name + "'");
                    return;
                }
            }
        }

        // dictionary.GetValueOrDefault(key) / dictionary.TryGetValue(key, out v) read what dictionary[key] holds.
        private static bool IsDictionaryRead(IOperation candidate, IOperation? target)
        {
            if (Unwrap(target) is not IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                || candidate is not IInvocationOperation { TargetMethod.Name: "GetValueOrDefault" or "TryGetValue" } read)
            {
                return false;
            }

            var receiver = read.Instance ?? (read.Arguments.Length > 0 ? read.Arguments[0].Value : null);
            var keyIndex = read.Instance is null ? 1 : 0;
            return read.Arguments.Length > keyIndex
                && SameInstance(receiver, indexer.Instance)
                && SameValue(read.Arguments[keyIndex].Value, indexer.Arguments[0].Value);
        }

        // The arguments that identify an object or carry a value: everything but cancellation tokens and defaults.
        private static List<IOperation> ValueArguments(IInvocationOperation invocation, KnownSymbols known)
        {
            var result = new List<IOperation>();
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.DefaultValue
                    || (known.CancellationToken is not null && SymbolEqualityComparer.Default.Equals(argument.Value.Type, known.CancellationToken)))
                {
                    continue;
                }

                result.Add(argument.Value);
            }

            return result;
        }
    }
}
