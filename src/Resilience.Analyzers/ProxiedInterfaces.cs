using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers
{
    /// <summary>
    /// The interfaces some <c>[ResilientProxy(typeof(I))]</c> class of the compilation forwards (with their base interfaces),
    /// found once per compilation on first use. Policy attributes on their members are applied by the generated proxy, so
    /// they are not RES0019; and the proxies' own members are checked by the generator (RES0040–RES0045), not here.
    /// </summary>
    internal sealed class ProxiedInterfaces
    {
        public const string ResilientProxyAttribute = "Resilience.ResilientProxyAttribute";

        private readonly Lazy<HashSet<INamedTypeSymbol>> _interfaces;

        public ProxiedInterfaces(Compilation compilation) =>
            _interfaces = new Lazy<HashSet<INamedTypeSymbol>>(() => Find(compilation), LazyThreadSafetyMode.ExecutionAndPublication);

        public bool Contains(INamedTypeSymbol type) => _interfaces.Value.Contains(type.OriginalDefinition) || _interfaces.Value.Contains(type);

        public static bool IsProxy(INamedTypeSymbol? type)
        {
            for (; type is not null; type = type.ContainingType)
            {
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == ResilientProxyAttribute)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static HashSet<INamedTypeSymbol> Find(Compilation compilation)
        {
            var found = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (ISymbol member in pending.Pop().GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        pending.Push(type);
                        foreach (AttributeData attribute in type.GetAttributes())
                        {
                            if (attribute.AttributeClass?.ToDisplayString() == ResilientProxyAttribute
                                && attribute.ConstructorArguments.Length == 1
                                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol { TypeKind: TypeKind.Interface } proxied)
                            {
                                found.Add(proxied);
                                found.Add(proxied.OriginalDefinition);
                                foreach (INamedTypeSymbol baseInterface in proxied.AllInterfaces)
                                {
                                    found.Add(baseInterface);
                                    found.Add(baseInterface.OriginalDefinition);
                                }
                            }
                        }
                    }
                }
            }

            return found;
        }
    }
}
