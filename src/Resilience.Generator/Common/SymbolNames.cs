using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Generators
{
    /// <summary>Renders symbols as the C# text and names the emitted code uses: types, identifiers, constraints, hint names.</summary>
    internal static class SymbolNames
    {
        public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        public static string Type(ITypeSymbol type) => type.ToDisplayString(TypeFormat);

        public static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        public static string CamelCase(string name) =>
            name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);

        public static string RefPrefix(IMethodSymbol method) =>
            method.ReturnsByRefReadonly ? "ref readonly " : method.ReturnsByRef ? "ref " : string.Empty;

        public static string TypeKeyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            _ => "class",
        };

        public static string TypeNameWithParameters(INamedTypeSymbol type) =>
            type.TypeParameters.Length == 0
                ? EscapeIdentifier(type.Name)
                : EscapeIdentifier(type.Name) + "<" + string.Join(", ", type.TypeParameters.Select(t => EscapeIdentifier(t.Name))) + ">";

        /// <summary>The name the method's policies are registered under: <c>Namespace.Outer.Type.Method</c>.</summary>
        public static string PolicyName(IMethodSymbol method) => PolicyName(method.ContainingType, method.Name);

        /// <summary>The name of a member's policies on <paramref name="type"/>: <c>Namespace.Outer.Type.Member</c>.</summary>
        public static string PolicyName(INamedTypeSymbol type, string member)
        {
            var parts = new List<string> { member };
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                parts.Insert(0, current.Name);
            }

            if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            {
                parts.Insert(0, ns.ToDisplayString());
            }

            return string.Join(".", parts);
        }

        public static string HintName(IMethodSymbol method, string suffix) => HintName(method.ContainingType, method.Name + suffix);

        /// <summary>The file of <paramref name="type"/>'s <paramref name="member"/> (<c>Ns.Outer.Type.Member.g.cs</c>), or of the type itself.</summary>
        public static string HintName(INamedTypeSymbol type, string? member = null)
        {
            var builder = new StringBuilder();
            if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            {
                builder.Append(ns.ToDisplayString()).Append('.');
            }

            var types = new List<string>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                types.Insert(0, current.MetadataName.Replace('`', '_'));
            }

            builder.Append(string.Join(".", types));
            if (member is not null)
            {
                builder.Append('.').Append(member);
            }

            // A hint name allows letters, digits and a few punctuation marks only; metadata names can hold others
            // (a file-local type's is "<File>F…__Name"), and an invalid hint name fails the whole generator (CS8785).
            for (int i = 0; i < builder.Length; i++)
            {
                if (!char.IsLetterOrDigit(builder[i]) && builder[i] is not ('.' or '_' or '-'))
                {
                    builder[i] = '_';
                }
            }

            return builder.Append(".g.cs").ToString();
        }

        /// <summary>0 for the first partial definition of that name in the type, 1 for the second…, so overloads get distinct files and fields.</summary>
        public static int OverloadOrdinal(IMethodSymbol method)
        {
            int ordinal = 0;
            foreach (IMethodSymbol sibling in method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>())
            {
                if (SymbolEqualityComparer.Default.Equals(sibling, method))
                {
                    return ordinal;
                }

                if (sibling.IsPartialDefinition)
                {
                    ordinal++;
                }
            }

            return ordinal;
        }

        public static string OverloadSuffix(int ordinal) => ordinal == 0 ? string.Empty : (ordinal + 1).ToString(CultureInfo.InvariantCulture);

        public static string Modifiers(MethodDeclarationSyntax syntax)
        {
            var modifiers = syntax.Modifiers
                .Where(m => !m.IsKind(SyntaxKind.PartialKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword))
                .Select(m => m.Text);
            return string.Join(" ", modifiers);
        }

        public static string Constraint(ITypeParameterSymbol parameter)
        {
            var parts = new List<string>();
            if (parameter.HasReferenceTypeConstraint)
            {
                parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (parameter.HasUnmanagedTypeConstraint)
            {
                parts.Add("unmanaged");
            }
            else if (parameter.HasValueTypeConstraint)
            {
                parts.Add("struct");
            }
            else if (parameter.HasNotNullConstraint)
            {
                parts.Add("notnull");
            }

            parts.AddRange(parameter.ConstraintTypes.Select(t => t.ToDisplayString(TypeFormat)));
            if (parameter.HasConstructorConstraint)
            {
                parts.Add("new()");
            }

            return parts.Count == 0 ? string.Empty : $"where {EscapeIdentifier(parameter.Name)} : {string.Join(", ", parts)}";
        }
    }
}
