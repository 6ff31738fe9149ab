using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers
{
    /// <summary>
    /// Checks an <c>[Idempotent(Key = "...")]</c> template. Placeholders are <c>{parameter}</c> or
    /// <c>{parameter.Member.Member}</c> (instance properties or fields); <c>{{</c> and <c>}}</c> are literal braces.
    /// Format specifiers are not supported.
    /// </summary>
    internal static class KeyTemplate
    {
        public readonly struct Problem
        {
            public Problem(int start, int length, string message)
            {
                Start = start;
                Length = length;
                Message = message;
            }

            /// <summary>Offset of the problem in the template text.</summary>
            public int Start { get; }

            public int Length { get; }

            public string Message { get; }
        }

        public static List<Problem> Validate(string template, IMethodSymbol method)
        {
            var problems = new List<Problem>();
            if (template.Length == 0)
            {
                problems.Add(new Problem(0, 0, "the key is empty; omit Key to use the default (method identity + argument fingerprint)"));
                return problems;
            }

            var i = 0;
            while (i < template.Length)
            {
                var c = template[i];
                if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
                {
                    i += 2;
                    continue;
                }

                if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
                {
                    i += 2;
                    continue;
                }

                if (c == '}')
                {
                    problems.Add(new Problem(i, 1, "'}' at position " + i + " closes no placeholder; write '}}' for a literal brace"));
                    i++;
                    continue;
                }

                if (c != '{')
                {
                    i++;
                    continue;
                }

                var end = template.IndexOf('}', i + 1);
                if (end < 0)
                {
                    problems.Add(new Problem(i, template.Length - i, "the placeholder at position " + i + " is not closed with '}'"));
                    break;
                }

                var placeholder = template.Substring(i + 1, end - i - 1);
                var message = CheckPlaceholder(placeholder, method);
                if (message is not null)
                {
                    problems.Add(new Problem(i, end - i + 1, message));
                }

                i = end + 1;
            }

            return problems;
        }

        private static string? CheckPlaceholder(string placeholder, IMethodSymbol method)
        {
            if (placeholder.Trim().Length == 0)
            {
                return "'{}' is an empty placeholder; name a parameter";
            }

            // Like the generator: segments may be padded with spaces ("{ incident.Id }").
            var parts = placeholder.Split('.');
            for (var p = 0; p < parts.Length; p++)
            {
                parts[p] = parts[p].Trim();
            }

            IParameterSymbol? parameter = null;
            foreach (var candidate in method.Parameters)
            {
                if (candidate.Name == parts[0])
                {
                    parameter = candidate;
                    break;
                }
            }

            if (parameter is null)
            {
                return "'{" + placeholder + "}' does not name a parameter of '" + method.Name + "'";
            }

            ITypeSymbol type = parameter.Type;
            for (var p = 1; p < parts.Length; p++)
            {
                if (type.TypeKind == TypeKind.Error)
                {
                    return null;
                }

                var memberType = FindMemberType(type, parts[p]);
                if (memberType is null)
                {
                    return "'{" + placeholder + "}': '" + type.ToDisplayString() + "' has no property or field '" + parts[p] + "'";
                }

                type = memberType;
            }

            return null;
        }

        private static ITypeSymbol? FindMemberType(ITypeSymbol type, string name)
        {
            if (name.Length == 0)
            {
                return null;
            }

            // Nullable<T>: the generated key reads the member of the value (null-safe).
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable && nullable.TypeArguments.Length == 1)
            {
                type = nullable.TypeArguments[0];
            }

            var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
            var pending = new Stack<ITypeSymbol>();
            pending.Push(type);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                foreach (var member in current.GetMembers(name))
                {
                    if (member.IsStatic)
                    {
                        continue;
                    }

                    if (member is IPropertySymbol property && !property.IsIndexer)
                    {
                        return property.Type;
                    }

                    if (member is IFieldSymbol field)
                    {
                        return field.Type;
                    }
                }

                if (current.BaseType is not null)
                {
                    pending.Push(current.BaseType);
                }

                foreach (var @interface in current.AllInterfaces)
                {
                    pending.Push(@interface);
                }

                if (current is ITypeParameterSymbol typeParameter)
                {
                    foreach (var constraint in typeParameter.ConstraintTypes)
                    {
                        pending.Push(constraint);
                    }
                }
            }

            return null;
        }
    }
}
