using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>
    /// The one reader of attribute arguments: applies a policy's <see cref="ArgumentRule"/>s to the named arguments in the
    /// order the user wrote them, so that the emitted options initializer follows the source.
    /// </summary>
    internal static class AttributeArguments
    {
        public static ArgumentValues Read(AttributeData attribute, string attributeName, IReadOnlyList<ArgumentRule> rules, IMethodSymbol method, StubReasons stub)
        {
            var values = new ArgumentValues(attributeName, method, stub);
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

        private static void Apply(ArgumentRule rule, TypedConstant value, ArgumentValues values)
        {
            StubReasons stub = values.Stub;
            switch (rule.Kind)
            {
                case ArgumentKind.Int:
                    int number = Int(value);
                    stub.Require(rule.IsValid!(number), rule.StubText!);
                    values.SetInt(rule.Property, number);
                    values.AddOption(rule.Property, Literals.Int(number));
                    break;
                case ArgumentKind.Double:
                    double real = value.Value is double d ? d : double.NaN;
                    stub.Require(rule.IsValid!(real), rule.StubText!);
                    values.AddOption(rule.Property, Literals.Double(real));
                    break;
                case ArgumentKind.Enum:
                    values.AddOption(rule.Property, EnumLiteral(value, stub));
                    break;
                case ArgumentKind.ExceptionTypes:
                    values.SetTypes(rule.Property, ExceptionTypes.Read(value, values.AttributeName + "." + rule.Property, stub));
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

        private static string EnumLiteral(TypedConstant value, StubReasons stub)
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

                stub.Add($"{value.Value} is not a value of {enumType.Name}");
            }

            return "default";
        }
    }
}
