using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Resilience.Analyzers.Hazards.Rules;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// Summarises one method body: the calls it makes (edges of the call graph) and the hazards the rules find in it.
    /// Two passes over the body's operations (lambdas and local functions included): the first records locals and
    /// body-wide facts, the second gives each operation to the rules registered for its kind.
    /// Works on <see cref="IOperation"/> only, and tolerates invalid operations (half-typed code).
    /// </summary>
    internal sealed class HazardCollector
    {
        private static readonly ImmutableArray<HazardRule> Rules = ImmutableArray.Create<HazardRule>(
            CompoundAssignmentRule.Instance,
            InterlockedDeltaRule.Instance,
            ReadModifyWriteRule.Instance,
            RelativeSqlUpdateRule.Instance,
            SharedCollectionAddRule.Instance,
            HttpPostRule.Instance,
            NonIdempotentApiRule.Instance,
            SqlInsertRule.Instance,
            RelativeUpdateFunctionRule.Instance,
            PerAttemptIdempotencyKeyRule.Instance,
            DestructiveInputMutationRule.Instance,
            RelativeNameRule.Instance);

        private static readonly Dictionary<OperationKind, HazardRule[]> RulesByKind = IndexRules();

        private readonly IMethodSymbol _owner;
        private readonly List<IMethodSymbol> _calls = new List<IMethodSymbol>();
        private readonly List<HazardInfo> _hazards = new List<HazardInfo>();
        private readonly HazardScan _scan;

        public HazardCollector(HazardContext context, IMethodSymbol owner)
        {
            _owner = owner;
            _scan = new HazardScan(context, owner, _hazards);
        }

        public MethodFacts Collect(ImmutableArray<IOperation> blocks)
        {
            var operations = new List<IOperation>();
            foreach (var block in blocks)
            {
                if (block is null)
                {
                    continue;
                }

                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is not null)
                    {
                        operations.Add(operation);
                    }
                }
            }

            foreach (var operation in operations)
            {
                _scan.Record(operation);
            }

            foreach (var operation in operations)
            {
                RecordCall(operation);
                if (RulesByKind.TryGetValue(operation.Kind, out var rules))
                {
                    foreach (var rule in rules)
                    {
                        rule.Inspect(operation, _scan);
                    }
                }
            }

            var name = _owner.MethodKind switch
            {
                MethodKind.Constructor or MethodKind.StaticConstructor => _owner.ContainingType?.Name ?? _owner.Name,
                MethodKind.PropertyGet or MethodKind.PropertySet => _owner.AssociatedSymbol?.Name ?? _owner.Name,
                _ => _owner.Name,
            };
            return new MethodFacts(name, _owner.ContainingType, _calls, _hazards);
        }

        private void RecordCall(IOperation operation)
        {
            switch (operation)
            {
                // Lambdas and local functions are part of this body's operations already.
                case IInvocationOperation { TargetMethod: { MethodKind: not (MethodKind.LocalFunction or MethodKind.AnonymousFunction) } method }:
                    AddCall(method);
                    break;
                case IObjectCreationOperation { Constructor: { } constructor }:
                    AddCall(constructor);
                    break;
                case IMethodReferenceOperation reference:
                    AddCall(reference.Method);
                    break;
                case IPropertyReferenceOperation property:
                    AddAccessorCalls(property);
                    break;
            }
        }

        private void AddAccessorCalls(IPropertyReferenceOperation property)
        {
            var parent = property.Parent;
            var isTarget = parent is IAssignmentOperation assignment && assignment.Target == property
                || parent is IIncrementOrDecrementOperation;
            var isRead = !(parent is ISimpleAssignmentOperation simple && simple.Target == property);
            if (isTarget && property.Property.SetMethod is { } setter)
            {
                AddCall(setter);
            }

            if (isRead && property.Property.GetMethod is { } getter)
            {
                AddCall(getter);
            }
        }

        private void AddCall(IMethodSymbol method)
        {
            // Only bodies in this compilation can be summarised; the rest are leaves of the graph.
            foreach (var location in method.Locations)
            {
                if (location.IsInSource)
                {
                    _calls.Add(method);
                    return;
                }
            }
        }

        private static Dictionary<OperationKind, HazardRule[]> IndexRules()
        {
            var lists = new Dictionary<OperationKind, List<HazardRule>>();
            foreach (var rule in Rules)
            {
                foreach (var kind in rule.Kinds)
                {
                    if (!lists.TryGetValue(kind, out var list))
                    {
                        lists.Add(kind, list = new List<HazardRule>());
                    }

                    list.Add(rule);
                }
            }

            var index = new Dictionary<OperationKind, HazardRule[]>();
            foreach (var pair in lists)
            {
                index.Add(pair.Key, pair.Value.ToArray());
            }

            return index;
        }
    }
}
