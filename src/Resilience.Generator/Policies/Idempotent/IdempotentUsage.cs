using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules of <c>[Idempotent]</c>: its ranges (RES0007), the key template (RES0009), a non-generic method
    /// (RES0021), a result that round-trips (RES0046–RES0049, RES0054, shared with <c>[Checkpoint]</c>).
    /// </summary>
    internal static class IdempotentUsage
    {
        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.Read("Key", ReadKey),
            ArgumentRule.Int("TtlSeconds", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("LeaseSeconds", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Enum("OnConcurrentDuplicate"),
        };

        /// <summary>[Idempotent] and [Checkpoint] store the result: its type must not depend on a type argument.</summary>
        public static void CheckNotGeneric(ArgumentValues values)
        {
            if (values.Method.IsGenericMethod)
            {
                values.Report.Report(UsageDescriptors.GenericDurableMethod, values.Location, values.Method.Name, values.AttributeName);
            }
        }

        /// <summary>RES0046–RES0049, RES0054: the stored result must round-trip through the store's serializer.</summary>
        public static void CheckStoredResult(ArgumentValues values, CancellationToken cancellationToken)
        {
            if (OutcomeMethods.ResultType(values.Method, MethodShape.GetReturnKind(values.Method)) is { } result)
            {
                StoredTypes.Check(result, values.Method.Name, StoredTypes.ResultLocation(values.Method, values.Location, cancellationToken), values.Report, cancellationToken);
            }
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
                Location location = KeyLocation(expression, template, problem.Start, problem.Length) ?? values.Location;
                values.Report.Report(UsageDescriptors.UnknownKeyPlaceholder, location, values.Method.Name, problem.Message);
            }

            values.SetValue("Key", parts);
        }

        // Points at the placeholder inside the string literal when the literal has no escapes; else at the whole argument.
        internal static Location? KeyLocation(ExpressionSyntax? expression, string key, int start, int length)
        {
            if (length > 0 && expression is LiteralExpressionSyntax literal && literal.Token.IsKind(SyntaxKind.StringLiteralToken))
            {
                string text = literal.Token.Text;
                int prefix = text.StartsWith("@\"", StringComparison.Ordinal) ? 2 : 1;
                if (text.Length == key.Length + prefix + 1 && string.CompareOrdinal(text, prefix, key, 0, key.Length) == 0)
                {
                    return Location.Create(literal.SyntaxTree, new TextSpan(literal.SpanStart + prefix + start, length));
                }
            }

            return expression?.GetLocation();
        }
    }
}
