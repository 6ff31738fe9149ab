using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>A non-idempotent operation found in one method body, not yet known to be reachable from a root.</summary>
    internal readonly struct HazardInfo
    {
        public HazardInfo(HazardRuleDescriptors rule, Location location, string operation, IMethodSymbol? unlessImplemented = null)
        {
            UnlessImplemented = unlessImplemented;
            Rule = rule;
            Location = location;
            Operation = operation;
        }

        public HazardRuleDescriptors Rule { get; }

        /// <summary>
        /// An abstract or interface member whose implementations decide: the hazard is dropped when the compilation has
        /// one (the walk then judges the implementation's body), so it is only known at compilation end.
        /// </summary>
        public IMethodSymbol? UnlessImplemented { get; }

        public Location Location { get; }

        /// <summary>What the code does, worded to follow the member name: "adds to field '_budgetUsed'".</summary>
        public string Operation { get; }
    }

    /// <summary>What one method body contributes to the call graph: the methods it calls and the hazards it contains.</summary>
    internal sealed class MethodFacts
    {
        public MethodFacts(string memberName, INamedTypeSymbol? containingType, List<IMethodSymbol> calls, List<HazardInfo> hazards)
        {
            MemberName = memberName;
            ContainingType = containingType;
            Calls = calls;
            Hazards = hazards;
        }

        public string MemberName { get; }

        public INamedTypeSymbol? ContainingType { get; }

        public List<IMethodSymbol> Calls { get; }

        public List<HazardInfo> Hazards { get; }

        public MethodFacts Merge(MethodFacts other)
        {
            var calls = new List<IMethodSymbol>(Calls);
            calls.AddRange(other.Calls);
            var hazards = new List<HazardInfo>(Hazards);
            hazards.AddRange(other.Hazards);
            return new MethodFacts(MemberName, ContainingType, calls, hazards);
        }
    }
}
