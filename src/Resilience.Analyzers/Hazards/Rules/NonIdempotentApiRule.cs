using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1007: a call to an API the catalog (<c>KnownHazards.txt</c> + the user's <c>ResilienceHazards.txt</c>) lists as
    /// not idempotent — remote increments and appends, message sends, change-tracker inserts on a long-lived context,
    /// payment creates without an idempotency key — or that the user marked <c>[NotIdempotent]</c> (on the method, its
    /// type, or the interface member it implements).
    /// </summary>
    internal sealed class NonIdempotentApiRule : HazardRule
    {
        public static readonly NonIdempotentApiRule Instance = new NonIdempotentApiRule();

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.NonIdempotentApi;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            var method = invocation.TargetMethod;
            var receiver = invocation.Instance ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            string? effect;
            if (scan.Context.Catalog.Find(method) is { } entry)
            {
                if (entry.SafeToRepeat
                    || (entry.RequiresSharedReceiver && (receiver is null || !scan.Ownership.IsSharedRoot(receiver, 0)))
                    || (entry.UnlessIdempotencyKey && scan.MentionsIdempotencyKey))
                {
                    return;
                }

                effect = entry.Effect;
            }
            else
            {
                effect = MarkedEffect(method, scan.Context.NotIdempotent);
            }

            if (effect is null)
            {
                return;
            }

            var typeName = (OperationShapes.Unwrap(receiver)?.Type as INamedTypeSymbol ?? method.ContainingType)?.Name;
            scan.Report(
                Descriptors,
                invocation,
                "calls '" + (typeName is null ? method.Name : typeName + "." + method.Name) + "' (" + effect + ")",
                method);
        }

        // [NotIdempotent] on the method, the member it overrides, its type, or an interface member it implements.
        private static string? MarkedEffect(IMethodSymbol method, INamedTypeSymbol? attribute)
        {
            if (attribute is null)
            {
                return null;
            }

            if ((Effect(method, attribute) ?? (method.ContainingType is { } type ? Effect(type, attribute) : null)) is { } direct)
            {
                return direct;
            }

            for (var overridden = method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if ((Effect(overridden, attribute) ?? Effect(overridden.ContainingType, attribute)) is { } inherited)
                {
                    return inherited;
                }
            }

            var containing = method.ContainingType;
            if (containing is null || containing.TypeKind == TypeKind.Interface)
            {
                return null;
            }

            foreach (var @interface in containing.AllInterfaces)
            {
                var marked = Effect(@interface, attribute);
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if ((marked ?? Effect(member, attribute)) is { } effect
                        && SymbolEqualityComparer.Default.Equals(containing.FindImplementationForInterfaceMember(member), method))
                    {
                        return effect;
                    }
                }
            }

            return null;
        }

        private static string? Effect(ISymbol symbol, INamedTypeSymbol attribute)
        {
            foreach (var data in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
                {
                    return data.ConstructorArguments.Length == 1 && data.ConstructorArguments[0].Value is string { Length: > 0 } text
                        ? text
                        : "marked [NotIdempotent]";
                }
            }

            return null;
        }
    }
}
