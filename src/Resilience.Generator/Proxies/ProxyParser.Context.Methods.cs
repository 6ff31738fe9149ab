using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    internal static partial class ProxyParser
    {
        // Methods: forwarded as they are, or built into a policy method from the attributes of the declaration, the interface member and the proxy class.
        private sealed partial class ProxyContext
        {
            private void AddMethod(IMethodSymbol method, IMethodSymbol? declaration, bool isExplicit)
            {
                string receiver = Receiver(method, isExplicit);
                string typeArguments = method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => SymbolNames.EscapeIdentifier(t.Name))) + ">";
                IMethodSymbol shape = declaration ?? method;
                string arguments = string.Join(", ", shape.Parameters.Select(p => RefKeyword(p.RefKind, argument: true) + SymbolNames.EscapeIdentifier(p.Name)));
                string call = $"{receiver}.{SymbolNames.EscapeIdentifier(method.Name)}{typeArguments}({arguments})";

                AttributeSet attributes = Attributes(method, declaration, out bool hasClassPolicies);
                bool hasPolicies = attributes.Primary is not null;
                string? shapeProblem = ForwardingProblem(method);
                if (shapeProblem is not null)
                {
                    Report(ProxyDiagnostics.CannotForward, Location(declaration ?? method), _proxy.Name, Display(method), shapeProblem);
                    Members.Add(Stub(MethodSignature(method, isExplicit, partial: false, defaults: !isExplicit), shapeProblem));
                    return;
                }

                if (hasPolicies && isExplicit)
                {
                    Report(
                        ProxyDiagnostics.CannotForward,
                        Location(method),
                        _proxy.Name,
                        Display(method),
                        $"its name is declared by several interfaces (or by the proxy), so it is implemented explicitly, and explicit implementations cannot take {(hasClassPolicies ? "the class's" : "its")} policies; add [NoClassPolicies] to the interface member or rename it");
                    hasPolicies = false;
                }

                if (!hasPolicies)
                {
                    Members.Add(new ProxyMemberSpec(
                        ProxyMemberKind.Method,
                        declaration is null ? MethodSignature(method, isExplicit, partial: false, defaults: !isExplicit) : MethodSignature(declaration, isExplicit: false, partial: true, defaults: false),
                        declaration is null && isExplicit ? ImmutableEquatableArray<string>.Empty : Constraints(shape),
                        call,
                        HasGet: false,
                        HasSet: false,
                        ByRef: method.ReturnsByRef || method.ReturnsByRefReadonly));
                    return;
                }

                if (declaration is null)
                {
                    Members.Add(new ProxyMemberSpec(ProxyMemberKind.PartialDefinition, MethodSignature(method, isExplicit: false, partial: true, defaults: true), Constraints(method), string.Empty, false, false, false));
                }

                int ordinal = _overloads.TryGetValue(method.Name, out int seen) ? seen : 0;
                _overloads[method.Name] = ordinal + 1;
                string suffix = SymbolNames.OverloadSuffix(ordinal);
                string? core = CoreOnProxy(method);
                var target = new MethodTarget(
                    Namespace: _proxy.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                    ContainingTypes: ContainingTypes(),
                    Modifiers: "public",
                    PolicyName: SymbolNames.PolicyName(_proxy, method.Name),
                    HintName: SymbolNames.HintName(_proxy, method.Name + suffix),
                    FieldPrefix: "s_" + SymbolNames.CamelCase(method.Name) + suffix,
                    Implementation: core ?? $"{receiver}.{SymbolNames.EscapeIdentifier(method.Name)}");
                var report = new UsageReport();
                MethodSpec spec = MethodParser.Build(shape, attributes, target, _compilation, report, _cancellationToken);
                _diagnostics.AddRange(report.Diagnostics.Where(d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Error));
                if (spec.StubReason is not null)
                {
                    string hint = hasClassPolicies ? "; add [NoClassPolicies] to the interface member to forward it without the class's policies" : string.Empty;
                    Report(ProxyDiagnostics.CannotForward, Location(declaration ?? method), _proxy.Name, Display(method), spec.StubReason + hint);
                }

                PolicyMethods.Add(spec);
            }

            /// <summary>Per kind: the proxy's declaration, then the interface member, then the proxy class (unless opted out).</summary>
            private AttributeSet Attributes(IMethodSymbol method, IMethodSymbol? declaration, out bool hasClassPolicies)
            {
                AttributeSet attributes = declaration is null ? new AttributeSet() : AttributeSet.Read(declaration);
                AttributeSet fromInterface = AttributeSet.Read(method);
                attributes.Retry ??= fromInterface.Retry;
                attributes.CircuitBreaker ??= fromInterface.CircuitBreaker;
                attributes.Timeout ??= fromInterface.Timeout;
                attributes.Bulkhead ??= fromInterface.Bulkhead;
                foreach (AttributeData onInterface in method.GetAttributes().Where(a => s_declaredOnProxyOnly.Contains(a.AttributeClass?.ToDisplayString())))
                {
                    Report(ProxyDiagnostics.DeclareOnProxy, onInterface.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation() ?? Location(method), "[" + onInterface.AttributeClass!.Name.Replace("Attribute", string.Empty) + "]", Display(method), _proxy.Name);
                }

                string? before = attributes.Primary;
                var withoutClass = new[] { attributes.Retry, attributes.CircuitBreaker, attributes.Timeout, attributes.Bulkhead };
                ClassLevelPolicies.Merge(attributes, _proxy, method, declaration);
                hasClassPolicies = !withoutClass.SequenceEqual(new[] { attributes.Retry, attributes.CircuitBreaker, attributes.Timeout, attributes.Bulkhead });
                CheckOptOut(method);
                if (declaration is not null)
                {
                    CheckOptOut(declaration);
                }

                return attributes;
            }

            private void CheckOptOut(IMethodSymbol method)
            {
                int optedOut = ClassLevelPolicies.OptedOut(method);
                if (optedOut == 0)
                {
                    return;
                }

                int declared = 0;
                foreach (string? name in _proxy.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()))
                {
                    int index = System.Array.IndexOf(ClassLevelPolicies.Kinds, name);
                    declared |= index < 0 ? 0 : 1 << index;
                }

                int useless = optedOut & ~declared;
                if (useless == optedOut)
                {
                    string[] names = { "Retry", "CircuitBreaker", "Timeout", "Bulkhead" };
                    string kinds = string.Join(", ", names.Where((_, i) => (useless & (1 << i)) != 0).Select(n => "[" + n + "]"));
                    Report(ProxyDiagnostics.UselessOptOut, Location(method), Display(method), kinds, _proxy.Name);
                }
            }

            /// <summary>A <c>{Name}Core</c> on the proxy with the interface method's signature replaces the inner call.</summary>
            private string? CoreOnProxy(IMethodSymbol method)
            {
                foreach (IMethodSymbol candidate in _proxy.GetMembers(method.Name + "Core").OfType<IMethodSymbol>())
                {
                    if (!candidate.IsStatic && candidate.Parameters.Length == method.Parameters.Length && candidate.TypeParameters.Length == method.TypeParameters.Length)
                    {
                        IMethodSymbol constructed = MethodShape.ConstructLike(candidate, method);
                        if (MethodShape.SameParameters(method, constructed, method.Parameters.Length) && SymbolEqualityComparer.Default.Equals(constructed.ReturnType, method.ReturnType))
                        {
                            return SymbolNames.EscapeIdentifier(method.Name + "Core");
                        }
                    }
                }

                return null;
            }

            private static string? ForwardingProblem(IMethodSymbol method)
            {
                if (method.DeclaredAccessibility != Accessibility.Public)
                {
                    return $"it is {method.DeclaredAccessibility.ToString().ToLowerInvariant()}, and only public interface members can be called on the inner instance";
                }

                return null;
            }
        }
    }
}
