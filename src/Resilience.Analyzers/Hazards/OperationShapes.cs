using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Resilience.Analyzers.Hazards
{
    /// <summary>
    /// Shape questions about operations that every rule asks: is this the same storage location or value (after
    /// IDE0054's idea: same symbol, same instance chain), how to name a location in a message, what an operation is
    /// once conversions, parentheses and awaits are peeled off.
    /// </summary>
    internal static class OperationShapes
    {
        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        break;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } awaitable }:
                        operation = awaitable;
                        break;
                    default:
                        return operation;
                }
            }
        }

        public static bool SameLocation(IOperation? a, IOperation? b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            switch (a)
            {
                case IFieldReferenceOperation fa when b is IFieldReferenceOperation fb:
                    return SymbolEqualityComparer.Default.Equals(fa.Field, fb.Field) && SameInstance(fa.Instance, fb.Instance);
                case IPropertyReferenceOperation pa when b is IPropertyReferenceOperation pb:
                    if (!SymbolEqualityComparer.Default.Equals(pa.Property, pb.Property) || !SameInstance(pa.Instance, pb.Instance)
                        || pa.Arguments.Length != pb.Arguments.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < pa.Arguments.Length; i++)
                    {
                        if (!SameValue(pa.Arguments[i].Value, pb.Arguments[i].Value))
                        {
                            return false;
                        }
                    }

                    return true;
                case IArrayElementReferenceOperation ea when b is IArrayElementReferenceOperation eb:
                    if (!SameValue(ea.ArrayReference, eb.ArrayReference) || ea.Indices.Length != eb.Indices.Length)
                    {
                        return false;
                    }

                    for (var i = 0; i < ea.Indices.Length; i++)
                    {
                        if (!SameValue(ea.Indices[i], eb.Indices[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        public static bool SameInstance(IOperation? a, IOperation? b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            if (a is null || b is null)
            {
                return a is null && b is null;
            }

            return SameValue(a, b);
        }

        public static bool SameValue(IOperation? a, IOperation? b)
        {
            a = Unwrap(a);
            b = Unwrap(b);
            if (a is null || b is null)
            {
                return false;
            }

            switch (a)
            {
                case IInstanceReferenceOperation when b is IInstanceReferenceOperation:
                    return true;
                case ILocalReferenceOperation la when b is ILocalReferenceOperation lb:
                    return SymbolEqualityComparer.Default.Equals(la.Local, lb.Local);
                case IParameterReferenceOperation pa when b is IParameterReferenceOperation pb:
                    return SymbolEqualityComparer.Default.Equals(pa.Parameter, pb.Parameter);
                case IFieldReferenceOperation or IPropertyReferenceOperation or IArrayElementReferenceOperation:
                    return SameLocation(a, b);
            }

            return a.ConstantValue.HasValue && b.ConstantValue.HasValue && Equals(a.ConstantValue.Value, b.ConstantValue.Value);
        }

        public static bool SameValues(List<IOperation> a, List<IOperation> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (var i = 0; i < a.Count; i++)
            {
                if (!SameValue(a[i], b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsArithmetic(BinaryOperatorKind kind) =>
            kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide;

        public static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>"SetReplicasAsync" with prefix "Set" -> "Replicas"; null when the name does not have the prefix.</summary>
        public static string? AccessorKey(string name, string prefix)
        {
            if (name.Length <= prefix.Length || !name.StartsWith(prefix, StringComparison.Ordinal) || !char.IsUpper(name[prefix.Length]))
            {
                return null;
            }

            var key = name.Substring(prefix.Length);
            if (key.EndsWith("Async", StringComparison.Ordinal) && key.Length > "Async".Length)
            {
                key = key.Substring(0, key.Length - "Async".Length);
            }

            return key;
        }

        /// <summary>Names a storage location for a message: "field '_count'", "an element of static field 's_slots'".</summary>
        public static string Describe(IOperation? target)
        {
            target = Unwrap(target);
            switch (target)
            {
                case IFieldReferenceOperation field:
                    return (field.Field.IsStatic ? "static field '" : "field '") + field.Field.Name + "'";
                case IPropertyReferenceOperation property when property.Property.IsIndexer:
                    return "an element of " + Describe(property.Instance);
                case IPropertyReferenceOperation property:
                    return (property.Property.IsStatic ? "static property '" : "property '") + property.Property.Name + "'";
                case IArrayElementReferenceOperation element:
                    return "an element of " + Describe(element.ArrayReference);
                case ILocalReferenceOperation local:
                    return "local '" + local.Local.Name + "'";
                case IParameterReferenceOperation parameter:
                    return "parameter '" + parameter.Parameter.Name + "'";
                case IInstanceReferenceOperation:
                    return "'this'";
                default:
                    return "a shared value";
            }
        }
    }
}
