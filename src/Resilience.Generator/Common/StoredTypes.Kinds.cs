using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>What kind of type the serializer sees: unsupported (RES0054), scalar, tuple, collection, polymorphic.</summary>
    internal sealed partial class StoredTypes
    {
        private static string? Unsupported(ITypeSymbol type)
        {
            if (type is IPointerTypeSymbol || type is IFunctionPointerTypeSymbol)
            {
                return "a pointer";
            }

            if (type.TypeKind == TypeKind.Delegate)
            {
                return "a delegate";
            }

            if (type is IArrayTypeSymbol { Rank: > 1 })
            {
                return "a multi-dimensional array";
            }

            if (type.IsRefLikeType)
            {
                return "a ref struct";
            }

            if (type.SpecialType is SpecialType.System_IntPtr or SpecialType.System_UIntPtr)
            {
                return "a native-sized pointer";
            }

            for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                string name = current.ToDisplayString();
                if (name is "System.Type" or "System.Reflection.MemberInfo" or "System.Runtime.Serialization.SerializationInfo")
                {
                    return "reflection metadata";
                }

                if (name == "System.IO.Stream")
                {
                    return "a stream";
                }

                if (current.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks" && current.Name is "Task" or "ValueTask")
                {
                    return "a task";
                }
            }

            return null;
        }

        private static bool IsScalar(ITypeSymbol type)
        {
            if (type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime)
            {
                return true;
            }

            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns.StartsWith("System.Text.Json", StringComparison.Ordinal))
            {
                return true; // JsonElement, JsonDocument, JsonNode and its kinds
            }

            return ns == "System" && type.MetadataName is "DateTimeOffset" or "TimeSpan" or "Guid" or "Uri" or "Version" or "DateOnly" or "TimeOnly" or "Half" or "Int128" or "UInt128";
        }

        private static bool IsTuple(INamedTypeSymbol type) =>
            type.IsTupleType
            || (type.ContainingNamespace?.ToDisplayString() == "System" && type.Name is "Tuple" or "ValueTuple")
            || (type.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && type.Name == "KeyValuePair");

        private static INamedTypeSymbol? Enumerable(INamedTypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_String)
            {
                return null;
            }

            INamedTypeSymbol? generic = type.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
                ? type
                : type.AllInterfaces.FirstOrDefault(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);
            if (generic is not null)
            {
                return generic;
            }

            return type.SpecialType == SpecialType.System_Collections_IEnumerable || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable) ? type : null;
        }

        private static INamedTypeSymbol? Dictionary(INamedTypeSymbol type) =>
            new[] { type }.Concat(type.AllInterfaces).FirstOrDefault(i =>
                i.Arity == 2 && i.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic" && i.Name is "IDictionary" or "IReadOnlyDictionary");

        private static bool IsStandardCollection(INamedTypeSymbol type)
        {
            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return ns is "System.Collections" or "System.Collections.Generic" or "System.Collections.ObjectModel" or "System.Collections.Immutable" or "System.Collections.Concurrent";
        }

        private static bool IsPolymorphic(ITypeSymbol type) => HasAttribute(type, "JsonPolymorphicAttribute") || HasAttribute(type, "JsonDerivedTypeAttribute");

        private static bool HasAttribute(ISymbol symbol, string name) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == JsonSerialization + name);
    }
}
