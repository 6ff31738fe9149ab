using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// One hazard rule: which operations it looks at and what it reports on them. Rules are stateless singletons;
    /// everything about the method body being scanned is in the <see cref="HazardScan"/> they are given.
    /// </summary>
    internal abstract class HazardRule
    {
        public abstract HazardRuleDescriptors Descriptors { get; }

        /// <summary>The operation kinds <see cref="Inspect"/> is called for.</summary>
        public abstract ImmutableArray<OperationKind> Kinds { get; }

        public abstract void Inspect(IOperation operation, HazardScan scan);
    }
}
