using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Resilience.Generators
{
    /// <summary>
    /// Turns an <c>[Idempotent(Key = "...")]</c> template such as <c>"{service}:{incident.Id}"</c> into C# expressions
    /// whose concatenation is the key: literals become string literals, <c>{parameter.Member.Member}</c> placeholders become
    /// null-safe member accesses formatted with the invariant culture. <c>{{</c> and <c>}}</c> are literal braces.
    /// </summary>
    internal static class KeyTemplate
    {
        private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        /// <summary>Returns the parts, or <see langword="null"/> with <paramref name="error"/> set when the template is invalid.</summary>
        public static List<string>? Parse(string template, IMethodSymbol method, out string? error)
        {
            var parts = new List<string>();
            var literal = new StringBuilder();
            error = null;
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
                {
                    literal.Append(c);
                    i++;
                    continue;
                }

                if (c == '}')
                {
                    error = $"Key '{template}' has an unmatched '}}' at {i}";
                    return null;
                }

                if (c != '{')
                {
                    literal.Append(c);
                    continue;
                }

                int end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    error = $"Key '{template}' has an unclosed '{{' at {i}";
                    return null;
                }

                if (literal.Length > 0)
                {
                    parts.Add(SymbolDisplay.FormatLiteral(literal.ToString(), quote: true));
                    literal.Clear();
                }

                string path = template.Substring(i + 1, end - i - 1);
                string? expression = Placeholder(path, method, out error);
                if (expression is null)
                {
                    return null;
                }

                parts.Add(expression);
                i = end;
            }

            if (literal.Length > 0)
            {
                parts.Add(SymbolDisplay.FormatLiteral(literal.ToString(), quote: true));
            }

            if (parts.Count == 0)
            {
                error = "Key is empty";
                return null;
            }

            return parts;
        }

        private static string? Placeholder(string path, IMethodSymbol method, out string? error)
        {
            error = null;
            string[] segments = path.Split('.');
            IParameterSymbol? parameter = method.Parameters.FirstOrDefault(p => p.Name == segments[0].Trim());
            if (parameter is null)
            {
                error = $"Key placeholder '{{{path}}}' names no parameter of '{method.Name}'";
                return null;
            }

            var expression = new StringBuilder(SymbolNames.EscapeIdentifier(parameter.Name));
            ITypeSymbol type = parameter.Type;
            bool conditional = false;
            for (int s = 1; s < segments.Length; s++)
            {
                string name = segments[s].Trim();
                ISymbol? member = FindMember(type, name);
                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol { Parameters.Length: 0 } property => property.Type,
                    IFieldSymbol field => field.Type,
                    _ => null,
                };
                if (memberType is null)
                {
                    error = $"Key placeholder '{{{path}}}': '{type.Name}' has no property or field '{name}'";
                    return null;
                }

                bool nullable = CanBeNull(type);
                expression.Append(nullable ? "?." : ".").Append(SymbolNames.EscapeIdentifier(name));
                conditional |= nullable;
                type = memberType;
            }

            string access = expression.ToString();
            if (type.SpecialType == SpecialType.System_String)
            {
                return access;
            }

            string dot = !conditional && CanBeNull(type) ? "?." : ".";
            return IsFormattable(type)
                ? $"{access}{dot}ToString(null, {Invariant})"
                : $"{access}{dot}ToString()";
        }

        private static ISymbol? FindMember(ITypeSymbol type, string name)
        {
            ITypeSymbol target = UnwrapNullable(type);
            for (ITypeSymbol? current = target; current is not null; current = current.BaseType)
            {
                ISymbol? member = current.GetMembers(name).FirstOrDefault(m => !m.IsStatic && m is IPropertySymbol or IFieldSymbol);
                if (member is not null)
                {
                    return member;
                }
            }

            if (target is ITypeParameterSymbol or { TypeKind: TypeKind.Interface })
            {
                return target.AllInterfaces.SelectMany(i => i.GetMembers(name)).FirstOrDefault(m => m is IPropertySymbol);
            }

            return null;
        }

        /// <summary>Whether a value of <paramref name="type"/> may be null: a nullable value type, or a reference type not declared non-nullable.</summary>
        private static bool CanBeNull(ITypeSymbol type) =>
            type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            || (!type.IsValueType && type.NullableAnnotation != NullableAnnotation.NotAnnotated);

        private static ITypeSymbol UnwrapNullable(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

        private static bool IsFormattable(ITypeSymbol type) =>
            UnwrapNullable(type).AllInterfaces.Any(i => i.ToDisplayString() == "System.IFormattable");
    }
}
