using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Generators
{
    /// <summary>A <c>Type[]</c> argument listing exception types, rendered as <c>typeof(...)</c> expressions.</summary>
    internal readonly struct ExceptionTypes
    {
        public ExceptionTypes(string[] types) => Items = types;

        public string[]? Items { get; }

        /// <summary>Reads the list; every entry that is not an exception type gets RES0008 on its <c>typeof</c>.</summary>
        public static ExceptionTypes Read(TypedConstant value, string property, ArgumentValues values)
        {
            if (value.Kind != TypedConstantKind.Array || value.IsNull)
            {
                return default;
            }

            List<TypeOfExpressionSyntax>? typeOfs = values.NamedArgument(property)?.Expression.DescendantNodesAndSelf().OfType<TypeOfExpressionSyntax>().ToList();
            var types = new List<string>();
            for (int i = 0; i < value.Values.Length; i++)
            {
                if (value.Values[i].Value is not ITypeSymbol type || type.TypeKind == TypeKind.Error)
                {
                    continue; // the compiler reports it
                }

                Location location = typeOfs is not null && typeOfs.Count == value.Values.Length ? typeOfs[i].GetLocation() : values.NamedLocation(property);
                if (!IsException(type))
                {
                    values.Report.Report(UsageDescriptors.NotAnExceptionType, location, type.ToDisplayString(), property, values.AttributeName, values.Method.Name);
                }
                else if (type is INamedTypeSymbol { IsUnboundGenericType: true })
                {
                    AttributeArguments.ReportInvalid(values, property, type.ToDisplayString(), "an open generic type cannot be caught; name a constructed type", location);
                }
                else
                {
                    types.Add($"typeof({type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})");
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
