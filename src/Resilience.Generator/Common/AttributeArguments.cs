using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>
    /// The one reader of attribute arguments: applies a policy's <see cref="ArgumentRule"/>s to the named arguments in the
    /// order the user wrote them (so the emitted options initializer follows the source), checking each value against its
    /// rule and reporting RES0007/RES0008 where the argument is written.
    /// </summary>
    internal static class AttributeArguments
    {
        public static ArgumentValues Read(
            AttributeData attribute, string attributeName, IReadOnlyList<ArgumentRule> rules, IMethodSymbol method, UsageReport report, CancellationToken cancellationToken)
        {
            var values = new ArgumentValues(attribute, attributeName, method, report, cancellationToken);
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                ArgumentRule? rule = rules.FirstOrDefault(r => r.Property == argument.Key);
                if (rule is not null)
                {
                    Apply(rule, argument.Value, values);
                }
            }

            return values;
        }

        /// <summary>The constructor argument at <paramref name="index"/>, or <see langword="null"/> when the attribute has another shape.</summary>
        public static object? Constructor(AttributeData attribute, int index, int count) =>
            attribute.ConstructorArguments.Length == count ? attribute.ConstructorArguments[index].Value : null;

        public static int Int(TypedConstant value) => value.Value is int i ? i : 0;

        /// <summary>Reports RES0007 for <paramref name="property"/> written as <paramref name="value"/>.</summary>
        public static void ReportInvalid(ArgumentValues values, string property, object? value, string requirement, Location? location = null) =>
            values.Report.Report(
                UsageDescriptors.InvalidValue,
                location ?? values.NamedLocation(property),
                property,
                values.AttributeName,
                values.Method.Name,
                Convert.ToString(value, CultureInfo.InvariantCulture),
                requirement);

        private static void Apply(ArgumentRule rule, TypedConstant value, ArgumentValues values)
        {
            switch (rule.Kind)
            {
                case ArgumentKind.Int:
                    int number = Int(value);
                    Check(rule, value, number, values);
                    values.SetInt(rule.Property, number);
                    values.AddOption(rule.Property, Literals.Int(number));
                    break;
                case ArgumentKind.Double:
                    double real = value.Value is double d ? d : double.NaN;
                    Check(rule, value, real, values);
                    values.AddOption(rule.Property, Literals.Double(real));
                    break;
                case ArgumentKind.Enum:
                    values.AddOption(rule.Property, EnumLiteral(rule.Property, value, values));
                    break;
                case ArgumentKind.ExceptionTypes:
                    values.SetTypes(rule.Property, ExceptionTypes.Read(value, rule.Property, values));
                    break;
                case ArgumentKind.String:
                    if (value.Value is string { Length: > 0 } text)
                    {
                        values.SetString(rule.Property, text);
                    }

                    break;
                case ArgumentKind.Custom:
                    rule.Custom!(value, values);
                    break;
            }
        }

        // A value of the wrong type is the compiler's error to report; only well-typed values out of range are ours.
        private static void Check(ArgumentRule rule, TypedConstant value, double number, ArgumentValues values)
        {
            if (value.Value is int or double && !rule.IsValid!(number))
            {
                ReportInvalid(values, rule.Property, value.Value, rule.Requirement!);
            }
        }

        private static string EnumLiteral(string property, TypedConstant value, ArgumentValues values)
        {
            if (value.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
            {
                foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>())
                {
                    if (field.HasConstantValue && Equals(field.ConstantValue, value.Value))
                    {
                        return enumType.ToDisplayString(SymbolNames.TypeFormat) + "." + field.Name;
                    }
                }

                ReportInvalid(values, property, value.Value, "it must be a named value of " + enumType.Name);
            }

            return "default";
        }
    }
}
