using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// Turns a <c>[ResilientProxy(typeof(IFoo))]</c> class into a <see cref="ProxySpec"/>: every member of the interface and
    /// of its base interfaces, forwarded to the inner instance, and for each method with policies a <see cref="MethodSpec"/>
    /// built by <see cref="MethodParser.Build"/> whose implementation is the inner call. Per policy kind, the proxy's own
    /// declaration wins over the interface member, which wins over the proxy class. Never throws on broken code.
    /// </summary>
    internal static partial class ProxyParser
    {
        public const string ResilientProxy = "Resilience.ResilientProxyAttribute";

        private static readonly string[] s_declaredOnProxyOnly = { AttributeNames.Fallback, AttributeNames.LastKnownGood, AttributeNames.Idempotent, AttributeNames.Checkpoint };

        public static bool IsProxy(INamedTypeSymbol? type) =>
            type is not null && type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ResilientProxy);

        /// <summary>
        /// Whether some <c>[ResilientProxy(typeof(I))]</c> class of the compilation forwards <paramref name="iface"/> (as
        /// <c>I</c> or one of its base interfaces): policy attributes on its members are then applied by the proxy, not
        /// RES0019. Only asked for annotated interface members, so the walk over the compilation's types stays rare.
        /// </summary>
        public static bool IsProxied(INamedTypeSymbol iface, Compilation compilation)
        {
            INamedTypeSymbol wanted = iface.OriginalDefinition;
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
                            if (attribute.AttributeClass?.ToDisplayString() == ResilientProxy
                                && attribute.ConstructorArguments.Length == 1
                                && attribute.ConstructorArguments[0].Value is INamedTypeSymbol { TypeKind: TypeKind.Interface } proxied
                                && (SymbolEqualityComparer.Default.Equals(proxied.OriginalDefinition, wanted)
                                    || proxied.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, wanted))))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        public static ProxySpec? Parse(ISymbol symbol, SyntaxNode node, Compilation compilation, CancellationToken cancellationToken)
        {
            if (symbol is not INamedTypeSymbol proxy)
            {
                return null;
            }

            var diagnostics = new List<DiagnosticInfo>();
            Location? location = (node as TypeDeclarationSyntax)?.Identifier.GetLocation();
            AttributeData attribute = proxy.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ResilientProxy);
            Location? attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;

            string? declarationProblem = DeclarationProblem(proxy, cancellationToken);
            if (declarationProblem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(ProxyDiagnostics.NotPartial, location, proxy.Name, declarationProblem));
            }

            INamedTypeSymbol? iface = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
            string? interfaceProblem = InterfaceProblem(iface);
            if (interfaceProblem is not null)
            {
                string shown = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value?.ToString() ?? "null" : "nothing";
                diagnostics.Add(DiagnosticInfo.Create(ProxyDiagnostics.NotAnInterface, attributeLocation, proxy.Name, shown, interfaceProblem));
            }

            if (declarationProblem is not null || interfaceProblem is not null)
            {
                return Failed(diagnostics);
            }

            var context = new ProxyContext(proxy, iface!, compilation, diagnostics, cancellationToken);
            context.Collect();
            cancellationToken.ThrowIfCancellationRequested();

            var containing = new List<ContainingTypeSpec>();
            for (INamedTypeSymbol? type = proxy; type is not null; type = type.ContainingType)
            {
                containing.Insert(0, new ContainingTypeSpec(SymbolNames.TypeKeyword(type), SymbolNames.TypeNameWithParameters(type)));
            }

            return new ProxySpec(
                HintName: SymbolNames.HintName(proxy),
                Namespace: proxy.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                ContainingTypes: containing.ToImmutableEquatableArray(),
                Name: SymbolNames.EscapeIdentifier(proxy.Name),
                FullName: SymbolNames.Type(proxy),
                Interface: SymbolNames.Type(iface!),
                InnerField: context.InnerField,
                RegistersFactory: IsVisibleToModule(proxy),
                Members: context.Members.ToImmutableEquatableArray(),
                PolicyMethods: context.PolicyMethods.ToImmutableEquatableArray(),
                Diagnostics: diagnostics.ToImmutableEquatableArray());
        }

        private static ProxySpec Failed(List<DiagnosticInfo> diagnostics) => new(
            string.Empty, null, ImmutableEquatableArray<ContainingTypeSpec>.Empty, string.Empty, string.Empty, string.Empty, string.Empty, false,
            ImmutableEquatableArray<ProxyMemberSpec>.Empty, ImmutableEquatableArray<MethodSpec>.Empty, diagnostics.ToImmutableEquatableArray());

        private static string? DeclarationProblem(INamedTypeSymbol proxy, CancellationToken cancellationToken)
        {
            if (proxy.TypeKind != TypeKind.Class || proxy.IsRecord)
            {
                return "only a class can be a proxy";
            }

            if (proxy.IsStatic || proxy.IsAbstract)
            {
                return $"a proxy is instantiated around the inner instance, so it cannot be {(proxy.IsStatic ? "static" : "abstract")}";
            }

            for (INamedTypeSymbol? type = proxy; type is not null; type = type.ContainingType)
            {
                if (type.IsGenericType)
                {
                    return $"'{type.Name}' is generic; proxy a constructed interface such as IRepository<Order> from a non-generic class";
                }

                if (!MethodShape.IsPartial(type, cancellationToken))
                {
                    return SymbolEqualityComparer.Default.Equals(type, proxy)
                        ? "it is not partial, so the generator cannot add the members it forwards"
                        : $"its containing type '{type.Name}' is not partial";
                }
            }

            return null;
        }

        private static string? InterfaceProblem(INamedTypeSymbol? iface)
        {
            if (iface is null || iface.TypeKind == TypeKind.Error)
            {
                return "the type argument is not a type the compiler knows";
            }

            if (iface.TypeKind != TypeKind.Interface)
            {
                return $"it is {(iface.TypeKind == TypeKind.Class ? "a class" : iface.TypeKind == TypeKind.Struct ? "a struct" : "not an interface")}; a proxy implements an interface";
            }

            if (iface.IsUnboundGenericType)
            {
                return "it is an open generic type; give its type arguments, such as typeof(IRepository<Order>)";
            }

            foreach (INamedTypeSymbol type in new[] { iface }.Concat(iface.AllInterfaces))
            {
                ISymbol? staticAbstract = type.GetMembers().FirstOrDefault(m => m.IsStatic && m.IsAbstract);
                if (staticAbstract is not null)
                {
                    return $"its static abstract member '{type.Name}.{staticAbstract.Name}' belongs to a type, not to the instance a proxy forwards to";
                }
            }

            return null;
        }

        /// <summary>A module initializer can name the proxy only if it is visible in the whole assembly.</summary>
        private static bool IsVisibleToModule(INamedTypeSymbol proxy)
        {
            for (INamedTypeSymbol? type = proxy; type is not null; type = type.ContainingType)
            {
                if (type.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
