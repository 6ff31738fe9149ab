using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules of <c>[LastKnownGood]</c>: a result to store (RES0050), a positive maximum age (RES0051), a result type
    /// the store can round-trip (RES0052; then the data contract checks of every stored type, RES0046–RES0049 and RES0054),
    /// a valid key template (RES0053).
    /// </summary>
    internal static class LastKnownGoodUsage
    {
        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.Read("MaxAgeSeconds", ReadMaxAge),
            ArgumentRule.Read("Key", ReadKey),
            ArgumentRule.Read("Order", (value, values) => values.SetInt("Order", AttributeArguments.Int(value))),
        };

        /// <summary>
        /// Whether the method has a result to store; reports RES0050 when not, RES0052 when its type itself cannot be read back,
        /// else what the stored-type checks find in its members (RES0046–RES0049, RES0054, as for <c>[Idempotent]</c>).
        /// </summary>
        public static bool CheckResult(ArgumentValues values, ITypeSymbol? result, CancellationToken cancellationToken)
        {
            if (result is null)
            {
                values.Report.Report(UsageDescriptors.LastKnownGoodWithoutResult, values.Location, values.Method.Name);
                return false;
            }

            if (Unstorable(result) is { } reason)
            {
                values.Report.Report(UsageDescriptors.UnstorableLastKnownGoodResult, values.Location, values.Method.Name, result.ToDisplayString(), reason);
            }
            else
            {
                StoredTypes.Check(result, values.Method.Name, StoredTypes.ResultLocation(values.Method, values.Location, cancellationToken), values.Report, cancellationToken);
            }

            return true;
        }

        // The value is written as JSON of the declared type and read back as it: a type that does not say what to create
        // (object, an interface, an abstract class, a type argument) cannot be read back as the value that was stored.
        private static string? Unstorable(ITypeSymbol type) => type switch
        {
            { SpecialType: SpecialType.System_Object } => "is object, which reads back as a JSON element, not the value stored",
            { TypeKind: TypeKind.Dynamic } => "is dynamic, which reads back as a JSON element, not the value stored",
            { TypeKind: TypeKind.TypeParameter } => "depends on a type argument, so the stored value cannot be checked to read back",
            { TypeKind: TypeKind.Interface } => "is an interface, which cannot be created when the stored value is read back",
            { TypeKind: TypeKind.Delegate } => "is a delegate, which has no data to store",
            { TypeKind: TypeKind.Pointer or TypeKind.FunctionPointer } => "is a pointer, which has no data to store",
            { IsAbstract: true, TypeKind: TypeKind.Class } => "is abstract, so it cannot be created when the stored value is read back",
            _ => null,
        };

        private static void ReadMaxAge(TypedConstant value, ArgumentValues values)
        {
            int seconds = AttributeArguments.Int(value);
            if (value.Value is int && seconds < 1)
            {
                values.Report.Report(UsageDescriptors.InvalidLastKnownGoodMaxAge, values.NamedLocation("MaxAgeSeconds"), values.Method.Name, seconds.ToString(CultureInfo.InvariantCulture));
            }

            values.AddOption("MaxAgeSeconds", Literals.Int(seconds));
        }

        private static void ReadKey(TypedConstant value, ArgumentValues values)
        {
            if (value.Value is not string template)
            {
                return;
            }

            var problems = new List<KeyProblem>();
            List<KeyPart> parts = KeyTemplate.Parse(template, values.Method, problems);
            ExpressionSyntax? expression = values.NamedArgument("Key")?.Expression;
            foreach (KeyProblem problem in problems)
            {
                Location location = IdempotentUsage.KeyLocation(expression, template, problem.Start, problem.Length) ?? values.Location;
                values.Report.Report(UsageDescriptors.InvalidLastKnownGoodKey, location, values.Method.Name, problem.Message);
            }

            values.SetValue("Key", parts);
        }
    }
}
