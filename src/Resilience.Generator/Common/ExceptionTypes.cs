using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>A <c>Type[]</c> argument listing exception types, rendered as <c>typeof(...)</c> expressions.</summary>
    internal readonly struct ExceptionTypes
    {
        public ExceptionTypes(string[] types) => Items = types;

        public string[]? Items { get; }

        public static ExceptionTypes Read(TypedConstant value, string property, StubReasons stub)
        {
            if (value.Kind != TypedConstantKind.Array || value.IsNull)
            {
                return default;
            }

            var types = new List<string>();
            foreach (TypedConstant item in value.Values)
            {
                if (item.Value is ITypeSymbol type && type.TypeKind != TypeKind.Error && !(type is INamedTypeSymbol { IsUnboundGenericType: true }) && IsException(type))
                {
                    types.Add($"typeof({type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})");
                }
                else
                {
                    stub.Add($"{property} lists '{item.Value}', which is not an exception type");
                }
            }

            return new ExceptionTypes(types.ToArray());
        }

        /// <summary>An <c>ExceptionTypeFilter</c> expression, or <see langword="null"/> when both lists are empty.</summary>
        public static string? Filter(ExceptionTypes include, ExceptionTypes exclude)
        {
            if ((include.Items?.Length ?? 0) == 0 && (exclude.Items?.Length ?? 0) == 0)
            {
                return null;
            }

            return $"new global::Resilience.ExceptionTypeFilter({TypeArray(include)}, {TypeArray(exclude)})";

            static string TypeArray(ExceptionTypes types) =>
                types.Items is { Length: > 0 } items ? "new global::System.Type[] { " + string.Join(", ", items) + " }" : "null";
        }

        private static bool IsException(ITypeSymbol type)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (current.ToDisplayString() == "System.Exception")
                {
                    return true;
                }
            }

            return false;
        }
    }
}
