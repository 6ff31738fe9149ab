using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Generators
{
    /// <summary>RES0047, RES0048: the constructor System.Text.Json uses and whether each stored member is set back.</summary>
    internal sealed partial class StoredTypes
    {
        /// <summary>The constructor System.Text.Json uses (null for a struct without [JsonConstructor]), or why there is none.</summary>
        private static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type, out string? problem)
        {
            problem = null;
            IMethodSymbol[] constructors = type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared || c.Parameters.Length == 0).ToArray();
            IMethodSymbol? marked = constructors.FirstOrDefault(c => HasAttribute(c, "JsonConstructorAttribute"));
            if (marked is not null || type.IsValueType)
            {
                return marked;
            }

            IMethodSymbol[] visible = constructors.Where(c => c.DeclaredAccessibility == Accessibility.Public && !IsCopyConstructor(type, c)).ToArray();
            if (visible.Any(c => c.Parameters.Length == 0))
            {
                return null;
            }

            if (visible.Length == 1)
            {
                return visible[0];
            }

            problem = visible.Length == 0
                ? "has no public constructor"
                : "has several public constructors, none parameterless and none marked [JsonConstructor]";
            return null;
        }

        private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
            type.IsRecord && constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);

        /// <summary>Why a serialized member cannot be set back when read, or null when it can (runtime resolver included).</summary>
        private static string? SetBackProblem(ISymbol member, ITypeSymbol type, bool populatable)
        {
            if (member is IFieldSymbol field)
            {
                return field.IsReadOnly ? "is a readonly field" : null;
            }

            var property = (IPropertySymbol)member;
            if (property.SetMethod is not null || IsAutoProperty(property) || (populatable && IsPopulatable(type)))
            {
                // A setter of any accessibility and an auto-property's backing field are set by the runtime's resolver;
                // a get-only collection is filled in place.
                return null;
            }

            // A computed property reads back as it is recomputed: only a getter that returns an unstored field loses data.
            if (ReturnedField(property) is { } backing && !IsStoredField(backing))
            {
                return $"is a get-only property returning the field '{backing.Name}', which is not stored";
            }

            return null;
        }

        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

        private static bool IsPopulatable(ITypeSymbol type) =>
            !type.IsValueType && type.SpecialType != SpecialType.System_String && type is not IArrayTypeSymbol && type is INamedTypeSymbol named
            && Enumerable(named) is not null && named.ContainingNamespace?.ToDisplayString() != "System.Collections.Immutable"
            && !(named.TypeKind == TypeKind.Interface && (named.Name.StartsWith("IReadOnly", StringComparison.Ordinal) || named.Name == "IEnumerable"));

        private static IFieldSymbol? ReturnedField(IPropertySymbol property)
        {
            foreach (SyntaxReference reference in property.DeclaringSyntaxReferences)
            {
                ExpressionSyntax? returned = reference.GetSyntax() switch
                {
                    PropertyDeclarationSyntax { ExpressionBody: { } body } => body.Expression,
                    PropertyDeclarationSyntax { AccessorList: { } accessors } => accessors.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get") switch
                    {
                        { ExpressionBody: { } body } => body.Expression,
                        { Body.Statements: { Count: 1 } statements } when statements[0] is ReturnStatementSyntax { Expression: { } value } => value,
                        _ => null,
                    },
                    _ => null,
                };
                string? name = returned switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax identifier } => identifier.Identifier.ValueText,
                    _ => null,
                };
                if (name is not null)
                {
                    return property.ContainingType.GetMembers(name).OfType<IFieldSymbol>().FirstOrDefault(f => !f.IsStatic && !f.IsConst);
                }
            }

            return null;
        }

        private static bool IsStoredField(IFieldSymbol field) =>
            (field.DeclaredAccessibility == Accessibility.Public || HasAttribute(field, "JsonIncludeAttribute")) && !HasAttribute(field, "JsonIgnoreAttribute");

        /// <summary>The members System.Text.Json writes: public instance properties and fields (IncludeFields), [JsonInclude] ones, base types' too.</summary>
        private static IEnumerable<ISymbol> Members(INamedTypeSymbol type)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
            {
                foreach (ISymbol member in current.GetMembers())
                {
                    if (member.IsStatic || HasAttribute(member, "JsonIgnoreAttribute") || !seen.Add(member.Name))
                    {
                        continue;
                    }

                    bool included = member.DeclaredAccessibility == Accessibility.Public || HasAttribute(member, "JsonIncludeAttribute");
                    if (member is IPropertySymbol { IsIndexer: false, GetMethod: not null } property && included
                        && (property.GetMethod.DeclaredAccessibility == Accessibility.Public || HasAttribute(member, "JsonIncludeAttribute")))
                    {
                        yield return member;
                    }
                    else if (member is IFieldSymbol { IsConst: false, AssociatedSymbol: null } && included)
                    {
                        yield return member;
                    }
                }
            }
        }
    }
}
