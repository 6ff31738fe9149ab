using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    internal static partial class ProxyParser
    {
        /// <summary>The state of one proxy's parse.</summary>
        private sealed partial class ProxyContext
        {
            private readonly INamedTypeSymbol _proxy;
            private readonly INamedTypeSymbol _interface;
            private readonly Compilation _compilation;
            private readonly List<DiagnosticInfo> _diagnostics;
            private readonly CancellationToken _cancellationToken;
            private readonly Dictionary<string, int> _overloads = new();

            public ProxyContext(INamedTypeSymbol proxy, INamedTypeSymbol iface, Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
            {
                _proxy = proxy;
                _interface = iface;
                _compilation = compilation;
                _diagnostics = diagnostics;
                _cancellationToken = cancellationToken;
                InnerField = FreeName("_inner");
            }

            public string InnerField { get; }

            public List<ProxyMemberSpec> Members { get; } = new();

            public List<MethodSpec> PolicyMethods { get; } = new();

            public void Collect()
            {
                var members = new List<ISymbol>();
                foreach (INamedTypeSymbol type in new[] { _interface }.Concat(_interface.AllInterfaces))
                {
                    members.AddRange(type.GetMembers().Where(NeedsImplementation));
                }

                // A name declared by several interfaces (or already used by the proxy) is implemented explicitly, per interface.
                var explicitNames = new HashSet<string>(members
                    .GroupBy(GroupName)
                    .Where(g => g.Select(m => m.ContainingType).Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).Count() > 1)
                    .Select(g => g.Key));

                var declarations = _proxy.GetMembers().OfType<IMethodSymbol>().Where(m => m.IsPartialDefinition && m.PartialImplementationPart is null).ToList();
                var matched = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                foreach (ISymbol member in members)
                {
                    _cancellationToken.ThrowIfCancellationRequested();
                    bool isExplicit = explicitNames.Contains(GroupName(member)) || (member.Name != "this[]" && ClashesWithProxy(member));
                    switch (member)
                    {
                        case IMethodSymbol method:
                            IMethodSymbol? declaration = isExplicit ? null : declarations.FirstOrDefault(d => SameSignature(d, method) && d.DeclaredAccessibility == Accessibility.Public);
                            if (declaration is not null)
                            {
                                matched.Add(declaration);
                            }

                            if (declaration is not null || !ImplementedByProxy(method))
                            {
                                AddMethod(method, declaration, isExplicit);
                            }

                            break;
                        case IPropertySymbol property when !ImplementedByProxy(property):
                            AddProperty(property, isExplicit);
                            break;
                        case IEventSymbol @event when !ImplementedByProxy(@event):
                            AddEvent(@event, isExplicit);
                            break;
                    }
                }

                foreach (IMethodSymbol declaration in declarations.Where(d => !matched.Contains(d)))
                {
                    IMethodSymbol? sameName = members.OfType<IMethodSymbol>().FirstOrDefault(m => m.Name == declaration.Name);
                    string reason = declaration.DeclaredAccessibility != Accessibility.Public
                        ? "it must be public to implement the interface member"
                        : sameName is null
                        ? $"'{_interface.Name}' and its base interfaces declare no method '{declaration.Name}'"
                        : explicitNames.Contains(sameName.Name)
                            ? $"'{declaration.Name}' is declared by several interfaces, so the proxy implements each explicitly and cannot take policies from a declaration"
                            : $"the parameters or return type differ from '{sameName.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}'";
                    Report(ProxyDiagnostics.NoMatchingMember, declaration.Locations.FirstOrDefault(), declaration.Name, _interface.Name, reason);
                }
            }

            private static string GroupName(ISymbol member) => member is IPropertySymbol { IsIndexer: true } ? "this[]" : member.Name;

            /// <summary>Abstract and default (virtual) instance members; sealed, private and static ones are not implemented by classes.</summary>
            private static bool NeedsImplementation(ISymbol member) =>
                !member.IsStatic
                && (member.IsAbstract || member.IsVirtual)
                && member switch
                {
                    IMethodSymbol method => method.MethodKind == MethodKind.Ordinary,
                    IPropertySymbol or IEventSymbol => true,
                    _ => false,
                };

            private bool ClashesWithProxy(ISymbol member) =>
                _proxy.GetMembers(member.Name).Any(m => !m.IsImplicitlyDeclared && !(m is IMethodSymbol { IsPartialDefinition: true }) && !Implements(m, member))
                || member.Name == _proxy.Name;

            private static bool Implements(ISymbol candidate, ISymbol member) => (candidate, member) switch
            {
                (IMethodSymbol a, IMethodSymbol b) => SameSignature(a, b),
                (IPropertySymbol a, IPropertySymbol b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type),
                (IEventSymbol a, IEventSymbol b) => SymbolEqualityComparer.Default.Equals(a.Type, b.Type),
                _ => false,
            };

            /// <summary>The user implemented the member on the proxy already (a non-partial member with its signature).</summary>
            private bool ImplementedByProxy(ISymbol member) =>
                _proxy.GetMembers(member.Name).Any(m => !(m is IMethodSymbol { IsPartialDefinition: true }) && Implements(m, member));

            private static bool SameSignature(IMethodSymbol declaration, IMethodSymbol method)
            {
                if (declaration.Name != method.Name
                    || declaration.TypeParameters.Length != method.TypeParameters.Length
                    || declaration.Parameters.Length != method.Parameters.Length)
                {
                    return false;
                }

                IMethodSymbol constructed = MethodShape.ConstructLike(method, declaration);
                return MethodShape.SameParameters(declaration, constructed, declaration.Parameters.Length)
                    && SymbolEqualityComparer.Default.Equals(declaration.ReturnType, constructed.ReturnType)
                    && declaration.RefKind == method.RefKind;
            }

            private string FreeName(string name)
            {
                string candidate = name;
                for (int i = 2; _proxy.GetMembers(candidate).Length > 0; i++)
                {
                    candidate = name + i;
                }

                return candidate;
            }

            /// <summary>The inner instance, cast to the declaring interface when the member is implemented explicitly.</summary>
            private string Receiver(ISymbol member, bool isExplicit) =>
                isExplicit ? $"(({SymbolNames.Type(member.ContainingType)}){InnerField})" : InnerField;

            // ---- properties and events -------------------------------------------------------------------------------------

            private void AddProperty(IPropertySymbol property, bool isExplicit)
            {
                string receiver = Receiver(property, isExplicit);
                string type = (property.ReturnsByRef ? "ref " : property.ReturnsByRefReadonly ? "ref readonly " : string.Empty) + SymbolNames.Type(property.Type);
                string name = property.IsIndexer
                    ? "this[" + string.Join(", ", property.Parameters.Select(p => Parameter(p, defaults: !isExplicit))) + "]"
                    : SymbolNames.EscapeIdentifier(property.Name);
                string target = property.IsIndexer
                    ? receiver + "[" + string.Join(", ", property.Parameters.Select(p => SymbolNames.EscapeIdentifier(p.Name))) + "]"
                    : receiver + "." + SymbolNames.EscapeIdentifier(property.Name);
                string signature = isExplicit ? $"{type} {SymbolNames.Type(property.ContainingType)}.{name}" : $"public {type} {name}";

                string? problem = property.DeclaredAccessibility != Accessibility.Public
                    ? $"it is {property.DeclaredAccessibility.ToString().ToLowerInvariant()}, and only public interface members can be called on the inner instance"
                    : property.SetMethod is { IsInitOnly: true }
                        ? "its init accessor can only run while an object is created, so the proxy cannot pass a value on to the inner instance"
                        : null;
                if (problem is not null)
                {
                    Report(ProxyDiagnostics.CannotForward, Location(property), _proxy.Name, Display(property), problem);
                    Members.Add(new ProxyMemberSpec(ProxyMemberKind.Stub, signature, ImmutableEquatableArray<string>.Empty, Quote(problem), property.GetMethod is not null, property.SetMethod is not null, ByRef: false, InitOnly: property.SetMethod is { IsInitOnly: true }));
                    return;
                }

                Members.Add(new ProxyMemberSpec(ProxyMemberKind.Property, signature, ImmutableEquatableArray<string>.Empty, target, property.GetMethod is not null, property.SetMethod is not null, property.ReturnsByRef || property.ReturnsByRefReadonly));
            }

            private void AddEvent(IEventSymbol @event, bool isExplicit)
            {
                string receiver = Receiver(@event, isExplicit);
                string type = SymbolNames.Type(@event.Type);
                string name = SymbolNames.EscapeIdentifier(@event.Name);
                string signature = isExplicit ? $"event {type} {SymbolNames.Type(@event.ContainingType)}.{name}" : $"public event {type} {name}";
                Members.Add(new ProxyMemberSpec(ProxyMemberKind.Event, signature, ImmutableEquatableArray<string>.Empty, receiver + "." + name, false, false, false));
            }

            // ---- helpers ---------------------------------------------------------------------------------------------------

            private ProxyMemberSpec Stub(string signature, string problem) =>
                new(ProxyMemberKind.Stub, signature, ImmutableEquatableArray<string>.Empty, Quote(problem), false, false, false);

            private string Quote(string problem) =>
                SymbolDisplay.FormatLiteral($"'{_proxy.Name}' cannot forward this member: {problem}. The build reports RES0043.", quote: true);

            private ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes()
            {
                var containing = new List<ContainingTypeSpec>();
                for (INamedTypeSymbol? type = _proxy; type is not null; type = type.ContainingType)
                {
                    containing.Insert(0, new ContainingTypeSpec(SymbolNames.TypeKeyword(type), SymbolNames.TypeNameWithParameters(type)));
                }

                return containing.ToImmutableEquatableArray();
            }

            private static Location? Location(ISymbol symbol) => symbol.Locations.FirstOrDefault(l => l.IsInSource);

            private static string Display(ISymbol member) => member.ContainingType.Name + "." + (member is IPropertySymbol { IsIndexer: true } ? "this[]" : member.Name);

            private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
            {
                // A member of an interface from another assembly has no source location: report on the proxy.
                location ??= _proxy.Locations.FirstOrDefault(l => l.IsInSource);
                _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
            }
        }
    }
}
