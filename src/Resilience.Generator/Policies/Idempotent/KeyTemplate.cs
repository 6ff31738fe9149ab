using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// The one parser of <c>[Idempotent(Key = "...")]</c> templates such as <c>"{service}:{incident.Id}"</c>. Placeholders are
    /// <c>{parameter}</c> or <c>{parameter.Member.Member}</c> (instance properties or fields, segments may be padded with
    /// spaces); <c>{{</c> and <c>}}</c> are literal braces; format specifiers are not supported. It yields the C# parts whose
    /// concatenation is the key (literals as string literals, placeholders as null-safe member accesses formatted with the
    /// invariant culture) and every problem with its position, which RES0009 reports.
    /// </summary>
    internal static class KeyTemplate
    {
        private const string Invariant = "global::System.Globalization.CultureInfo.InvariantCulture";

        /// <summary>
        /// One part as is (with <c>?? string.Empty</c> only when it may be null: on a non-nullable parameter it would tell
        /// the compiler the parameter may be null, CS8604 on the next use), several through <c>string.Concat</c>.
        /// </summary>
        public static string Expression(ImmutableEquatableArray<KeyPart> parts)
        {
            if (parts.Count == 1)
            {
                return parts[0].MayBeNull ? parts[0].Expression + " ?? string.Empty" : parts[0].Expression;
            }

            string joined = string.Join(", ", parts.Select(p => p.Expression));
            return parts.Count <= 4
                ? $"string.Concat({joined})"
                : $"string.Concat(new string?[] {{ {joined} }})";
        }

        public static List<KeyPart> Parse(string template, IMethodSymbol method, List<KeyProblem> problems)
        {
            var parts = new List<KeyPart>();
            if (template.Length == 0)
            {
                problems.Add(new KeyProblem(0, 0, "the key is empty; omit Key to use the default (method identity + argument fingerprint)"));
                return parts;
            }

            var literal = new StringBuilder();
            int i = 0;
            while (i < template.Length)
            {
                char c = template[i];
                if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
                {
                    literal.Append(c);
                    i += 2;
                    continue;
                }

                if (c == '}')
                {
                    problems.Add(new KeyProblem(i, 1, "'}' at position " + i + " closes no placeholder; write '}}' for a literal brace"));
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    literal.Append(c);
                    i++;
                    continue;
                }

                int end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    problems.Add(new KeyProblem(i, template.Length - i, "the placeholder at position " + i + " is not closed with '}'"));
                    break;
                }

                Flush(literal, parts);
                string placeholder = template.Substring(i + 1, end - i - 1);
                KeyPart? part = Placeholder(placeholder, method, out string? problem);
                if (problem is not null)
                {
                    problems.Add(new KeyProblem(i, end - i + 1, problem));
                }
                else if (part is not null)
                {
                    parts.Add(part);
                }

                i = end + 1;
            }

            Flush(literal, parts);
            return parts;
        }

        private static void Flush(StringBuilder literal, List<KeyPart> parts)
        {
            if (literal.Length > 0)
            {
                parts.Add(new KeyPart(SymbolDisplay.FormatLiteral(literal.ToString(), quote: true), IsLiteral: true, MayBeNull: false));
                literal.Clear();
            }
        }

        private static KeyPart? Placeholder(string placeholder, IMethodSymbol method, out string? problem)
        {
            problem = null;
            if (placeholder.Trim().Length == 0)
            {
                problem = "'{}' is an empty placeholder; name a parameter";
                return null;
            }

            string[] segments = placeholder.Split('.').Select(s => s.Trim()).ToArray();
            IParameterSymbol? parameter = method.Parameters.FirstOrDefault(p => p.Name == segments[0]);
            if (parameter is null)
            {
                problem = "'{" + placeholder + "}' does not name a parameter of '" + method.Name + "'";
                return null;
            }

            var expression = new StringBuilder(SymbolNames.EscapeIdentifier(parameter.Name));
            ITypeSymbol type = parameter.Type;
            bool conditional = false;
            for (int s = 1; s < segments.Length; s++)
            {
                if (type.TypeKind == TypeKind.Error)
                {
                    return null; // the compiler reports the unknown type
                }

                ITypeSymbol? memberType = FindMemberType(type, segments[s]);
                if (memberType is null)
                {
                    problem = "'{" + placeholder + "}': '" + type.ToDisplayString() + "' has no property or field '" + segments[s] + "'";
                    return null;
                }

                bool nullable = CanBeNull(type);
                expression.Append(nullable ? "?." : ".").Append(SymbolNames.EscapeIdentifier(segments[s]));
                conditional |= nullable;
                type = memberType;
            }

            string access = expression.ToString();
            if (type.SpecialType == SpecialType.System_String)
            {
                return new KeyPart(access, IsLiteral: false, MayBeNull: conditional || CanBeNull(type));
            }

            string dot = !conditional && CanBeNull(type) ? "?." : ".";
            bool mayBeNull = conditional || dot == "?.";
            return IsFormattable(type)
                ? new KeyPart($"{access}{dot}ToString(null, {Invariant})", IsLiteral: false, mayBeNull)
                : new KeyPart($"{access}{dot}ToString()", IsLiteral: false, MayBeNull: true);
        }

        /// <summary>An instance property (not an indexer) or field named <paramref name="name"/>, searched through base types, interfaces and constraints.</summary>
        private static ITypeSymbol? FindMemberType(ITypeSymbol type, string name)
        {
            if (name.Length == 0)
            {
                return null;
            }

            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<ITypeSymbol>();
            pending.Push(UnwrapNullable(type));
            while (pending.Count > 0)
            {
                ITypeSymbol current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                foreach (ISymbol member in current.GetMembers(name))
                {
                    if (!member.IsStatic && member is IPropertySymbol { IsIndexer: false } property)
                    {
                        return property.Type;
                    }

                    if (!member.IsStatic && member is IFieldSymbol field)
                    {
                        return field.Type;
                    }
                }

                if (current.BaseType is not null)
                {
                    pending.Push(current.BaseType);
                }

                foreach (INamedTypeSymbol @interface in current.AllInterfaces)
                {
                    pending.Push(@interface);
                }

                if (current is ITypeParameterSymbol typeParameter)
                {
                    foreach (ITypeSymbol constraint in typeParameter.ConstraintTypes)
                    {
                        pending.Push(constraint);
                    }
                }
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

    /// <summary>One part of a key: a string literal, or an expression (that may evaluate to null) giving a placeholder's text.</summary>
    internal sealed record KeyPart(string Expression, bool IsLiteral, bool MayBeNull);

    /// <summary>A problem in a key template, at <see cref="Start"/> (length <see cref="Length"/>) of the template text.</summary>
    internal readonly record struct KeyProblem(int Start, int Length, string Message);
}
