using System;
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
    /// Toggles are relative changes too: <c>flag = !flag</c>, and membership flips through a collection, a cache or a
    /// database — <c>if (set.Contains(x)) set.Remove(x); else set.Add(x);</c>, <c>if (!set.Add(x)) set.Remove(x);</c>,
    /// <c>if (existing != null) db.Likes.Remove(existing); else db.Likes.Add(like);</c> with <c>existing</c> read from
    /// the same receiver.
    /// </summary>
    internal sealed class ReadModifyWriteRule : HazardRule
    {
        public static readonly ReadModifyWriteRule Instance = new ReadModifyWriteRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.ReadModifyWrite;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.SimpleAssignment, OperationKind.Invocation, OperationKind.Conditional);

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
            else if (operation is IConditionalOperation conditional)
            {
                InspectMembershipToggle(conditional, scan);
            }
        }

        // if (set.Contains(x)) set.Remove(x); else set.Add(x);  — and the one-branch spellings
        // if (!set.Add(x)) set.Remove(x);  /  if (!set.Remove(x)) set.Add(x);
        // on a receiver that outlives the attempt: the first attempt flips the membership, the retry flips it back.
        private void InspectMembershipToggle(IConditionalOperation conditional, HazardScan scan)
        {
            var whenTrue = SingleCall(conditional.WhenTrue);
            var whenFalse = conditional.WhenFalse is null ? null : SingleCall(conditional.WhenFalse);
            IInvocationOperation? remove = null, add = null;
            if (whenTrue is not null && whenFalse is not null)
            {
                if (IsRemover(whenTrue) && IsAdder(whenFalse))
                {
                    (remove, add) = (whenTrue, whenFalse);
                }
                else if (IsAdder(whenTrue) && IsRemover(whenFalse))
                {
                    (remove, add) = (whenFalse, whenTrue);
                }

                if (remove is null || add is null
                    || !SameInstance(Receiver(remove), Receiver(add))
                    || !ConditionReads(conditional.Condition, Receiver(remove), scan))
                {
                    return;
                }
            }
            else if (whenTrue is not null && conditional.WhenFalse is null
                && Unwrap(conditional.Condition) is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negated
                && Unwrap(negated.Operand) is IInvocationOperation attempted)
            {
                // if (!set.Add(x)) set.Remove(x): Add said "already there", so the branch removes it.
                if (IsAdder(attempted) && IsRemover(whenTrue))
                {
                    (remove, add) = (whenTrue, attempted);
                }
                else if (IsRemover(attempted) && IsAdder(whenTrue))
                {
                    (remove, add) = (attempted, whenTrue);
                }

                if (remove is null || add is null
                    || !SameInstance(Receiver(remove), Receiver(add))
                    || !SameValues(ValueArguments(remove, scan.Known), ValueArguments(add, scan.Known)))
                {
                    return;
                }
            }
            else
            {
                return;
            }

            var receiver = Unwrap(Receiver(remove));
            if (receiver is null || receiver is IInstanceReferenceOperation || !scan.Ownership.IsSharedRoot(receiver, 0))
            {
                return;
            }

            scan.Report(
                Descriptors,
                conditional,
                "toggles membership in " + Describe(receiver) + " ('" + remove.TargetMethod.Name + "' when present, '" + add.TargetMethod.Name
                + "' otherwise), so a retry flips it back",
                HazardContext.MemberOf(receiver));
        }

        // The branch is one call (as a statement, in a block of one, or awaited).
        private static IInvocationOperation? SingleCall(IOperation? branch)
        {
            while (branch is IBlockOperation { Operations.Length: 1 } block)
            {
                branch = block.Operations[0];
            }

            if (branch is IExpressionStatementOperation statement)
            {
                branch = statement.Operation;
            }

            return Unwrap(branch) as IInvocationOperation;
        }

        private static IOperation? Receiver(IInvocationOperation invocation) =>
            invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

        private static bool IsRemover(IInvocationOperation invocation) => HasVerb(invocation.TargetMethod.Name, "Remove", "Delete");

        private static bool IsAdder(IInvocationOperation invocation) => HasVerb(invocation.TargetMethod.Name, "Add", "Insert");

        // Remove, TryRemove, SetRemoveAsync, KeyDelete, DeleteAsync: the verb starts or ends the name (less an Async suffix).
        private static bool HasVerb(string name, string verb, string alternative)
        {
            if (name.EndsWith("Async", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Async".Length);
            }

            return name.StartsWith(verb, StringComparison.Ordinal) || name.EndsWith(verb, StringComparison.Ordinal)
                || name.StartsWith(alternative, StringComparison.Ordinal) || name.EndsWith(alternative, StringComparison.Ordinal)
                || name == "Try" + verb;
        }

        // The condition looks at the receiver's contents: it mentions the receiver, or a local read from it
        // (var existing = _db.Likes.Find(id); if (existing != null) ...). A condition on the caller's data alone
        // (if (item.Deleted) cache.Remove(k); else cache.Add(k, item)) converges instead of flipping.
        private static bool ConditionReads(IOperation condition, IOperation? receiver, HazardScan scan)
        {
            foreach (var part in condition.DescendantsAndSelf())
            {
                if (SameInstance(part, receiver))
                {
                    return true;
                }

                if (part is ILocalReferenceOperation local)
                {
                    foreach (var value in scan.Ownership.ValuesOf(local.Local))
                    {
                        foreach (var read in value.DescendantsAndSelf())
                        {
                            if (SameInstance(read, receiver))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
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
