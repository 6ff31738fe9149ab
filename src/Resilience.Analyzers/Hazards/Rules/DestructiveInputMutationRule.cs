using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1011: <c>order.Lines.Clear()</c>, <c>jobs.TryDequeue(out _)</c>, <c>items.RemoveAt(0)</c> … on a collection the
    /// caller passed in (a parameter or something reached through one): the retry runs on different input.
    /// Request-scoped builders (headers, command parameters) are not input.
    /// </summary>
    internal sealed class DestructiveInputMutationRule : HazardRule
    {
        public static readonly DestructiveInputMutationRule Instance = new DestructiveInputMutationRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.DestructiveInputMutation;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            if (invocation.TargetMethod is not { IsStatic: false } method
                || method.Name is not ("Clear" or "Remove" or "RemoveAt" or "RemoveAll" or "RemoveRange" or "Dequeue" or "TryDequeue" or "Pop" or "TryPop" or "TryTake" or "RemoveFirst" or "RemoveLast")
                || Unwrap(invocation.Instance) is not { Type: { } type } receiver
                || !IsCollection(type, scan.Known)
                || BuilderCollections.IsRequestScoped(receiver, scan.Context)
                || CallerParameter(receiver) is not { } parameter)
            {
                return;
            }

            scan.Report(
                Descriptors,
                invocation,
                "calls '" + method.Name + "' on " + Describe(receiver) + " of parameter '" + parameter.Name + "', so a retry runs on different input",
                HazardContext.MemberOf(receiver) ?? parameter);
        }

        // order.Lines, order, this.order? — the parameter at the root of an instance chain, if it is one.
        private static IParameterSymbol? CallerParameter(IOperation? instance)
        {
            for (var depth = 0; depth <= LocalOwnership.MaxDepth; depth++)
            {
                switch (Unwrap(instance))
                {
                    case IParameterReferenceOperation { Parameter: { RefKind: RefKind.None or RefKind.Ref or RefKind.In } parameter }:
                        return parameter;
                    case IFieldReferenceOperation { Field.IsStatic: false } field:
                        instance = field.Instance;
                        break;
                    case IPropertyReferenceOperation { Property.IsStatic: false } property:
                        instance = property.Instance;
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        private static bool IsCollection(ITypeSymbol type, KnownSymbols known)
        {
            if (SymbolEqualityComparer.Default.Equals(type, known.Enumerable))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, known.Enumerable))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
