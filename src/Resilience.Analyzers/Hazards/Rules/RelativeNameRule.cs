using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1012 (Info): a call whose body the compilation does not have — an external SDK, or an interface member with no
    /// implementation here — named with a relative verb (increase, increment, decrease, decrement, adjust, bump,
    /// scale…by, add…by) and taking a numeric delta-like parameter: <c>IncreaseMemory(pod, by: 500)</c>. Also toggles
    /// (<c>ToggleFeature(x)</c>). A guess from the name and signature, so it has its own ID and a lower severity.
    /// </summary>
    internal sealed class RelativeNameRule : HazardRule
    {
        public static readonly RelativeNameRule Instance = new RelativeNameRule();

        private static readonly string[] RelativeVerbs = { "Increase", "Increment", "Decrease", "Decrement", "Adjust", "Bump", "Scale", "Add" };

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.RelativeName;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Invocation);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            var invocation = (IInvocationOperation)operation;
            var method = invocation.TargetMethod;
            if (method.MethodKind != MethodKind.Ordinary || HasBodyHere(method) || IsFrameworkOrCatalogued(method, scan.Context))
            {
                return;
            }

            string? reason = null;
            if (StartsWithWord(method.Name, "Toggle") || StartsWithWord(method.Name, "Flip"))
            {
                reason = "its name says it flips a state";
            }
            else if (RelativeVerb(method.Name) is { } verb && DeltaParameter(method, verb) is { } delta)
            {
                reason = "its name and numeric '" + delta.Name + "' parameter suggest a relative change";
            }

            if (reason is not null)
            {
                var abstractCallee = method.IsAbstract || method.ContainingType?.TypeKind == TypeKind.Interface ? method : null;
                scan.Report(Descriptors, invocation, "calls '" + method.Name + "' (" + reason + ")", method, abstractCallee);
            }
        }

        private static bool HasBodyHere(IMethodSymbol method)
        {
            if (method.IsAbstract || method.IsExtern || method.ContainingType?.TypeKind == TypeKind.Interface)
            {
                return false;
            }

            foreach (var location in method.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFrameworkOrCatalogued(IMethodSymbol method, HazardContext context)
        {
            var root = method.ContainingNamespace;
            while (root?.ContainingNamespace is { IsGlobalNamespace: false })
            {
                root = root.ContainingNamespace;
            }

            return root is { Name: "System" or "Microsoft" } || context.Catalog.Find(method) is not null;
        }

        private static string? RelativeVerb(string name)
        {
            foreach (var verb in RelativeVerbs)
            {
                if (StartsWithWord(name, verb))
                {
                    return verb;
                }
            }

            return null;
        }

        // "Add" alone is too common (AddUser): it counts only as "Add…By" (AddCreditsBy) or with a parameter named by/delta.
        private static IParameterSymbol? DeltaParameter(IMethodSymbol method, string verb)
        {
            var nameSaysBy = method.Name.IndexOf("By", verb.Length, StringComparison.Ordinal) >= 0;
            foreach (var parameter in method.Parameters)
            {
                if (!IsNumeric(parameter.Type) || parameter.Name.EndsWith("Id", StringComparison.Ordinal) || parameter.Name.EndsWith("id", StringComparison.Ordinal)
                    || parameter.Name.IndexOf("index", StringComparison.OrdinalIgnoreCase) >= 0 || parameter.Name.IndexOf("timeout", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    continue;
                }

                var deltaName = parameter.Name is "by" or "delta" or "amount" or "increment" or "decrement" or "step" or "change" or "count" or "value" or "factor" or "percent";
                if (verb != "Add" && verb != "Scale" || nameSaysBy || parameter.Name is "by" or "delta")
                {
                    return parameter;
                }

                if (verb == "Scale" && deltaName)
                {
                    return parameter;
                }
            }

            return null;
        }

        private static bool StartsWithWord(string name, string word) =>
            name.StartsWith(word, StringComparison.Ordinal) && (name.Length == word.Length || char.IsUpper(name[word.Length]));

        private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64
            or SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single;
    }
}
