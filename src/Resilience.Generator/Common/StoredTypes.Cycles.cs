using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>RES0049: a stored type that holds itself through non-nullable members.</summary>
    internal sealed partial class StoredTypes
    {
        /// <summary>
        /// RES0049: a cycle of non-nullable, non-collection members (nullable annotations enabled) means every value of the
        /// type holds another value of the same type — a reference cycle or an infinite chain — which JSON cannot hold.
        /// A nullable member or a collection can end the chain, so a tree or a linked list is accepted.
        /// </summary>
        private void CheckCycles(INamedTypeSymbol start)
        {
            if (!_cycleChecked.Add(start))
            {
                return;
            }

            var path = new List<string>();
            var onPath = new List<INamedTypeSymbol>();
            var explored = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            Walk(start);

            void Walk(INamedTypeSymbol type)
            {
                if (explored.Contains(type))
                {
                    // Everything reachable from it was walked already: no new way back to start (keeps a DAG linear).
                    return;
                }

                int index = onPath.FindIndex(t => SymbolEqualityComparer.Default.Equals(t, type));
                if (index >= 0)
                {
                    if (index == 0 && !onPath.Any(t => _inReportedCycle.Contains(t)))
                    {
                        _inReportedCycle.UnionWith(onPath);
                        Report(UsageDescriptors.StoredTypeCycle, Display(start), string.Join(" → ", path.Select(p => "'" + p + "'")));
                    }

                    return;
                }

                if (onPath.Count > 32)
                {
                    return;
                }

                onPath.Add(type);
                foreach (ISymbol member in Members(type))
                {
                    (ITypeSymbol memberType, NullableAnnotation annotation) = member is IPropertySymbol p ? (p.Type, p.NullableAnnotation) : (((IFieldSymbol)member).Type, ((IFieldSymbol)member).NullableAnnotation);
                    if (memberType is INamedTypeSymbol next && next.TypeKind is TypeKind.Class or TypeKind.Struct && next.Locations.Any(l => l.IsInSource)
                        && (next.IsValueType || annotation == NullableAnnotation.NotAnnotated) && Enumerable(next) is null)
                    {
                        path.Add(type.Name + "." + member.Name);
                        Walk(next);
                        path.RemoveAt(path.Count - 1);
                    }
                }

                onPath.RemoveAt(onPath.Count - 1);
                explored.Add(type);
            }
        }
    }
}
