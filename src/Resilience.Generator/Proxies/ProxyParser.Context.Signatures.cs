using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    internal static partial class ProxyParser
    {
        // The C# text of the members the proxy declares: signatures, parameters, default values, constraints.
        private sealed partial class ProxyContext
        {
            private string MethodSignature(IMethodSymbol method, bool isExplicit, bool partial, bool defaults)
            {
                string parameters = string.Join(", ", method.Parameters.Select(p => Parameter(p, defaults)));
                string typeParameters = method.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => SymbolNames.EscapeIdentifier(t.Name))) + ">";
                string returnType = SymbolNames.RefPrefix(method) + SymbolNames.Type(method.ReturnType);
                string name = SymbolNames.EscapeIdentifier(method.Name);
                return isExplicit
                    ? $"{returnType} {SymbolNames.Type(method.ContainingType)}.{name}{typeParameters}({parameters})"
                    : $"public {(partial ? "partial " : string.Empty)}{returnType} {name}{typeParameters}({parameters})";
            }

            private static ImmutableEquatableArray<string> Constraints(IMethodSymbol method) =>
                method.TypeParameters.Select(SymbolNames.Constraint).Where(c => c.Length > 0).ToImmutableEquatableArray();

            private static string Parameter(IParameterSymbol parameter, bool defaults)
            {
                string text = NullabilityAttributes(parameter) + (parameter.IsParams ? "params " : string.Empty) + RefKeyword(parameter.RefKind, argument: false) + SymbolNames.Type(parameter.Type) + " " + SymbolNames.EscapeIdentifier(parameter.Name);
                return defaults && parameter.HasExplicitDefaultValue ? text + " = " + DefaultValue(parameter) : text;
            }

            private static string DefaultValue(IParameterSymbol parameter)
            {
                object? value = parameter.ExplicitDefaultValue;
                ITypeSymbol type = parameter.Type;
                if (value is null)
                {
                    // default! where the interface itself relies on it (T fallback = default! with T a reference type).
                    bool mayBeNonNullableReference = (type.IsReferenceType || type is ITypeParameterSymbol { HasValueTypeConstraint: false }) && type.NullableAnnotation != NullableAnnotation.Annotated;
                    return mayBeNonNullableReference ? "default!" : "default";
                }

                if (type.TypeKind == TypeKind.Enum)
                {
                    IFieldSymbol? field = type.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
                    return field is not null
                        ? SymbolNames.Type(type) + "." + SymbolNames.EscapeIdentifier(field.Name)
                        : $"({SymbolNames.Type(type)})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})";
                }

                return value switch
                {
                    string or bool or char or int => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
                    double d => Literals.Double(d),
                    _ => $"({SymbolNames.Type(type)})({SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)})",
                };
            }

            /// <summary>Nullability attributes (<c>[NotNullWhen(true)]</c>…) repeated, so the implementation matches the interface member.</summary>
            private static string NullabilityAttributes(IParameterSymbol parameter)
            {
                var attributes = parameter.GetAttributes()
                    .Where(a => a.AttributeClass?.ContainingNamespace?.ToDisplayString() == "System.Diagnostics.CodeAnalysis")
                    .Select(a => "[" + SymbolNames.Type(a.AttributeClass!).Replace("Attribute", string.Empty)
                        + (a.ConstructorArguments.Length == 0 ? string.Empty : "(" + string.Join(", ", a.ConstructorArguments.Select(c => c.ToCSharpString())) + ")")
                        + "] ");
                return string.Concat(attributes);
            }

            private static string RefKeyword(RefKind kind, bool argument) => kind switch
            {
                RefKind.Ref => "ref ",
                RefKind.Out => "out ",
                RefKind.In => argument ? "in " : "in ",
                RefKind.None => string.Empty,
                _ => argument ? "in " : "ref readonly ",
            };
        }
    }
}
