using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1005: <c>Add</c>/<c>Enqueue</c>/<c>Push</c>/<c>Insert</c>… on a mutable collection held in a field or property
    /// that outlives the attempt, and <c>_items = _items.Add(x)</c> on an immutable one. Sets are skipped (adding twice
    /// leaves the same set), and so are catalogued APIs (<c>DbSet&lt;T&gt;.Add</c> is a collection too, but RES1007 judges
    /// it — with its own rules for who owns the receiver — so one call gets one diagnostic).
    /// </summary>
    internal sealed class SharedCollectionAddRule : HazardRule
    {
        public static readonly SharedCollectionAddRule Instance = new SharedCollectionAddRule();

        private static readonly string[] CollectionAdders =
        {
            "Add", "AddRange", "Enqueue", "Push", "Insert", "InsertRange", "AddFirst", "AddLast", "AddBefore", "AddAfter",
        };

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.AddToSharedCollection;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation, OperationKind.SimpleAssignment);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            if (operation is IInvocationOperation { Instance: { } instance, TargetMethod.IsStatic: false } invocation
                && IsAdder(invocation.TargetMethod.Name))
            {
                var receiver = Unwrap(instance);
                if (receiver is (IFieldReferenceOperation or IPropertyReferenceOperation) && scan.Ownership.IsShared(receiver)
                    && receiver.Type is { } type && IsMutableCollection(type, scan.Known)
                    && !BuilderCollections.IsRequestScoped(receiver, scan.Context)
                    && scan.Context.Catalog.Find(invocation.TargetMethod) is null
                    && !IsGuardedByContains(invocation))
                {
                    scan.Report(Descriptors, invocation, "adds to the collection in " + Describe(receiver) + " with '" + invocation.TargetMethod.Name + "'", HazardContext.MemberOf(receiver));
                }
            }
            else if (operation is ISimpleAssignmentOperation assignment)
            {
                // _items = _items.Add(item): the immutable-collection spelling of adding to shared state.
                var target = Unwrap(assignment.Target);
                if (target is not (ILocalReferenceOperation or IParameterReferenceOperation) && scan.Ownership.IsShared(target)
                    && Unwrap(assignment.Value) is IInvocationOperation { Instance: { } source } append
                    && IsAdder(append.TargetMethod.Name)
                    && SameLocation(source, target)
                    && source.Type is { } sourceType && !IsSet(sourceType, scan.Known))
                {
                    scan.Report(Descriptors, assignment, "adds to the collection in " + Describe(target) + " with '" + append.TargetMethod.Name + "'", HazardContext.MemberOf(target));
                }
            }
        }

        // if (!_seen.Contains(id)) _log.Add(id) — or the else branch of if (_seen.Contains(id)) …: check-then-act, the
        // retry finds the element and does not add it again. (A Remove in the other branch makes it a toggle: RES1003.)
        private static bool IsGuardedByContains(IInvocationOperation add)
        {
            if (add.Arguments.Length == 0)
            {
                return false;
            }

            var added = add.Arguments[0].Value;
            IOperation child = add;
            for (var parent = add.Parent; parent is not null && parent is not IAnonymousFunctionOperation and not ILocalFunctionOperation; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalOperation { Condition: { } condition } conditional && !ReferenceEquals(child, condition))
                {
                    var inElse = ReferenceEquals(child, conditional.WhenFalse);
                    foreach (var part in condition.DescendantsAndSelf())
                    {
                        if (!inElse
                            && part is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var operand }
                            && IsMembershipCheck(operand, added))
                        {
                            return true;
                        }

                        if (inElse && part.Parent is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } && IsMembershipCheck(part, added))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool IsMembershipCheck(IOperation operation, IOperation added) =>
            Unwrap(operation) is IInvocationOperation { TargetMethod.Name: "Contains" or "ContainsKey" or "Any" or "Exists" } check
            && MentionsValue(check, added);

        private static bool MentionsValue(IInvocationOperation check, IOperation value)
        {
            foreach (var argument in check.Arguments)
            {
                foreach (var part in argument.Value.DescendantsAndSelf())
                {
                    if (SameValue(part, value) || (Unwrap(value) is IPropertyReferenceOperation property && SameValue(part, property.Instance)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsAdder(string name) => Array.IndexOf(CollectionAdders, name) >= 0;

        private static bool IsMutableCollection(ITypeSymbol type, KnownSymbols known)
        {
            if (type.ContainingNamespace?.ToDisplayString() == "System.Collections.Immutable")
            {
                return false;
            }

            // An interface-typed field (IList<T>, ISet<T>) is not among its own AllInterfaces.
            var interfaces = type.TypeKind == TypeKind.Interface && type is INamedTypeSymbol named
                ? type.AllInterfaces.Add(named)
                : type.AllInterfaces;
            var enumerable = false;
            foreach (var @interface in interfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, known.Enumerable))
                {
                    enumerable = true;
                }

                // Adding an element twice to a set leaves the same set.
                if (known.SetOfT is not null && SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, known.SetOfT))
                {
                    return false;
                }
            }

            return enumerable;
        }

        private static bool IsSet(ITypeSymbol type, KnownSymbols known)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (known.SetOfT is not null && SymbolEqualityComparer.Default.Equals(@interface.OriginalDefinition, known.SetOfT))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
