using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1009: deltas written as update functions on shared state — <c>ConcurrentDictionary.AddOrUpdate(k, 1, (_, v) =&gt; v + 1)</c>,
    /// <c>ImmutableInterlocked.Update(ref x, v =&gt; v + 1)</c> / <c>AddOrUpdate</c>, and compare-exchange loops
    /// (<c>Interlocked.CompareExchange(ref x, initial + n, initial)</c>).
    /// </summary>
    internal sealed class RelativeUpdateFunctionRule : HazardRule
    {
        public static readonly RelativeUpdateFunctionRule Instance = new RelativeUpdateFunctionRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.RelativeUpdateFunction;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            var context = scan.Context;
            if (method.Name == "AddOrUpdate" && SymbolEqualityComparer.Default.Equals(type, context.ConcurrentDictionary)
                && invocation.Instance is { } dictionary && scan.Ownership.IsSharedRoot(dictionary, 0))
            {
                ReportIfRelativeUpdater(invocation, scan, "updates an entry of " + Describe(dictionary) + " with 'AddOrUpdate' and a relative update function", dictionary);
            }
            else if (method.Name is "Update" or "AddOrUpdate" && SymbolEqualityComparer.Default.Equals(type, context.ImmutableInterlocked)
                && invocation.Arguments.Length > 0 && scan.Ownership.IsShared(invocation.Arguments[0].Value))
            {
                var target = invocation.Arguments[0].Value;
                ReportIfRelativeUpdater(invocation, scan, "updates " + Describe(target) + " with 'ImmutableInterlocked." + method.Name + "' and a relative update function", target);
            }
            else if (method.Name == "CompareExchange" && SymbolEqualityComparer.Default.Equals(type, context.Known.Interlocked)
                && invocation.Arguments.Length == 3 && scan.Ownership.IsShared(invocation.Arguments[0].Value))
            {
                var location = invocation.Arguments[0].Value;
                var comparand = invocation.Arguments[2].Value;
                if (scan.Ownership.IsRelative(invocation.Arguments[1].Value, c => SameValue(c, comparand) || SameLocation(c, location)))
                {
                    scan.Report(Descriptors, invocation, "applies a delta to " + Describe(location) + " in a compare-exchange loop", HazardContext.MemberOf(location));
                }
            }
        }

        private void ReportIfRelativeUpdater(IInvocationOperation invocation, HazardScan scan, string description, IOperation target)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (Unwrap(argument.Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } && IsRelativeUpdater(lambda, scan))
                {
                    scan.Report(Descriptors, invocation, description, HazardContext.MemberOf(target));
                    return;
                }
            }
        }

        // (key, old) => old + 1, old => old.Add(x): the returned value is computed from the function's last parameter.
        private static bool IsRelativeUpdater(IAnonymousFunctionOperation lambda, HazardScan scan)
        {
            var parameters = lambda.Symbol.Parameters;
            if (parameters.Length == 0)
            {
                return false;
            }

            var old = parameters[parameters.Length - 1];
            bool IsOld(IOperation candidate) => candidate is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, old);
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IReturnOperation { ReturnedValue: { } returned }
                    && (scan.Ownership.IsRelative(returned, IsOld)
                        || (Unwrap(returned) is IInvocationOperation { Instance: { } source, TargetMethod.Name: "Add" or "AddRange" or "Push" or "Enqueue" or "Insert" } && IsOld(Unwrap(source)!))))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
