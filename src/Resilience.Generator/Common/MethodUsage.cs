using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Resilience.Shared;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules about the annotated method itself rather than one policy: where it is declared (RES0001, RES0002,
    /// RES0019), its shape (RES0011, RES0012, RES0020), its <c>{Name}Core</c> (RES0003, RES0004, RES0013), attribute
    /// combinations (RES0015) and the runtime it needs (RES0022).
    /// </summary>
    internal static class MethodUsage
    {
        /// <summary>Whether the generator can write the method's body; reports why not.</summary>
        public static bool CheckDeclaration(IMethodSymbol method, UsageReport report, CancellationToken cancellationToken)
        {
            Location location = method.Locations[0];
            if (method.PartialDefinitionPart is not null)
            {
                // Attributes on a partial implementation part the user wrote: the generator cannot write the body.
                report.Report(UsageDescriptors.MethodNotPartial, location, method.Name);
                return false;
            }

            bool canEmit = true;
            if (!method.IsPartialDefinition)
            {
                report.Report(UsageDescriptors.MethodNotPartial, location, method.Name);
                canEmit = false;
            }
            else if (method.PartialImplementationPart is { } implementation)
            {
                report.Report(UsageDescriptors.MethodNotPartial, implementation.Locations.FirstOrDefault() ?? location, method.Name);
                canEmit = false;
            }

            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
                {
                    canEmit = false;
                    continue;
                }

                foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                    {
                        report.Report(UsageDescriptors.TypeNotPartial, declaration.Identifier.GetLocation(), type.Name);
                        canEmit = false;
                    }
                }
            }

            return canEmit;
        }

        /// <summary>
        /// Attributes on a method of an interface or enum-like container are never completed, except on a member of an
        /// interface some <c>[ResilientProxy]</c> forwards: the proxy applies them (<see cref="ProxyParser.IsProxied"/>).
        /// </summary>
        public static bool CheckTarget(IMethodSymbol method, Compilation compilation, UsageReport report)
        {
            if (method.ContainingType is { TypeKind: TypeKind.Interface } iface && ProxyParser.IsProxied(iface, compilation))
            {
                return false;
            }

            INamedTypeSymbol? fileLocal = null;
            for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                fileLocal ??= type.IsFileLocal ? type : null;
            }

            if (method.ContainingType is { TypeKind: TypeKind.Class or TypeKind.Struct } && fileLocal is null)
            {
                return true;
            }

            // A file-local type cannot be extended from another file, where the generated part would go.
            string kind = fileLocal is not null
                ? "a method of the file-local type '" + fileLocal.Name + "'"
                : method.ContainingType?.TypeKind == TypeKind.Interface
                    ? "a method of interface '" + method.ContainingType.Name + "'"
                    : "not in a class or struct";
            report.Report(UsageDescriptors.UnsupportedTarget, method.Locations[0], method.Name, kind);
            return false;
        }

        public static void CheckShape(IMethodSymbol method, bool isAsync, UsageReport report)
        {
            foreach (IParameterSymbol parameter in method.Parameters)
            {
                Location location = parameter.Locations.FirstOrDefault() ?? method.Locations[0];
                if (parameter.RefKind != RefKind.None)
                {
                    string kind = parameter.RefKind switch
                    {
                        RefKind.Out => "out",
                        RefKind.In => "in",
                        RefKind.Ref => "ref",
                        _ => "ref readonly",
                    };
                    report.Report(UsageDescriptors.UnsupportedParameter, location, parameter.Name, method.Name, kind);
                }
                else if (parameter.Type.IsRefLikeType && isAsync)
                {
                    report.Report(UsageDescriptors.RefStructParameterInAsyncMethod, location, parameter.Name, method.Name, parameter.Type.ToDisplayString());
                }
            }

            string? unsupported = null;
            if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            {
                unsupported = "by reference";
            }
            else if (method.ReturnType is INamedTypeSymbol named
                && named.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.IAsyncEnumerable<T>" or "System.Collections.Generic.IAsyncEnumerator<T>")
            {
                unsupported = "'" + named.ToDisplayString() + "', an asynchronous stream";
            }

            if (unsupported is not null)
            {
                report.Report(UsageDescriptors.UnsupportedReturnType, method.Locations[0], method.Name, unsupported);
            }
        }

        /// <summary>Requires <c>{Name}Core</c> with the same staticness, type parameters, parameters and return type, and not async void.</summary>
        public static void CheckCore(IMethodSymbol method, UsageReport report)
        {
            string coreName = method.Name + "Core";
            Location methodLocation = method.Locations[0];

            // Overloads: a Core that belongs to another annotated overload is not this method's Core.
            List<IMethodSymbol> overloads = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Where(m => !SymbolEqualityComparer.Default.Equals(m, method) && m.MethodKind == MethodKind.Ordinary && HasResilienceAttribute(m))
                .ToList();
            List<IMethodSymbol> candidates = method.ContainingType.GetMembers(coreName).OfType<IMethodSymbol>()
                .Where(m => m.MethodKind == MethodKind.Ordinary)
                .Where(m => SignatureComparer.Describe(method, m) is null || !overloads.Any(o => SignatureComparer.Describe(o, m) is null))
                .ToList();
            if (candidates.Count == 0)
            {
                report.Report(UsageDescriptors.MissingCore, methodLocation, method.Name, coreName, method.ContainingType.Name, SignatureComparer.ExpectedCore(method));
                return;
            }

            IMethodSymbol? match = candidates.FirstOrDefault(c => SignatureComparer.Describe(method, c) is null);
            if (match is null)
            {
                IMethodSymbol first = candidates[0];
                string reason = SignatureComparer.Describe(method, first) ?? "it does not match";
                Location location = first.Locations.Length > 0 && first.Locations[0].IsInSource ? first.Locations[0] : methodLocation;
                report.Report(UsageDescriptors.CoreMismatch, location, coreName, method.Name, reason);
                return;
            }

            if (method.ReturnsVoid && match.IsAsync && match.Locations.Length > 0)
            {
                report.Report(UsageDescriptors.AsyncVoidCore, match.Locations[0], match.Name, method.Name);
            }
        }

        public static void CheckConflicts(IMethodSymbol method, AttributeSet attributes, UsageReport report, CancellationToken cancellationToken)
        {
            if (attributes.Idempotent is not null && attributes.Checkpoint is not null)
            {
                report.Report(
                    UsageDescriptors.ConflictingAttributes,
                    attributes.Checkpoint.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0],
                    method.Name,
                    "Idempotent",
                    "Checkpoint",
                    "a checkpointed step already runs at most once per workflow; keep one of them");
            }
        }

        /// <summary>An attribute whose runtime type the referenced Resilience.Runtime lacks (an older version) cannot be generated.</summary>
        public static void RequireRuntimeType(IMethodSymbol method, Compilation compilation, AttributeData? attribute, string runtimeType, UsageReport report, CancellationToken cancellationToken)
        {
            if (attribute is not null && compilation.GetTypeByMetadataName(runtimeType) is null)
            {
                Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? method.Locations[0];
                report.Report(UsageDescriptors.RuntimeTooOld, location, method.Name, runtimeType);
            }
        }

        private static bool HasResilienceAttribute(IMethodSymbol method) =>
            method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is { } name && AttributeNames.All.Contains(name));
    }
}
