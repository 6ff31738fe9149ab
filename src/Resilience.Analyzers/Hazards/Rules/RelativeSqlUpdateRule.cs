using System;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using static Resilience.Analyzers.Hazards.OperationShapes;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1004: SQL text with <c>SET col = col + n</c> passed as a <c>sql</c>/<c>commandText</c>/… argument (Dapper,
    /// ADO.NET, EF raw SQL) or assigned to <c>CommandText</c>.
    /// </summary>
    internal sealed class RelativeSqlUpdateRule : HazardRule
    {
        public static readonly RelativeSqlUpdateRule Instance = new RelativeSqlUpdateRule();

        // "SET ..., col = col + ..." (also t.col = t.col - ..., quoted identifiers and || concatenation).
        private static readonly Regex RelativeSet = new Regex(
            @"\bSET\b.*?(?<![\w.""\]`])(?<assign>(?:[\w""\[\]`]+\.)?(?<col>""[^""]+""|\[[^\]]+\]|`[^`]+`|[A-Za-z_]\w*)\s*=\s*(?:[\w""\[\]`]+\.)?\k<col>\s*(?:[-+*/]|\|\|))",
            RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.RelativeSqlUpdate;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Argument, OperationKind.SimpleAssignment);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            if (SqlText.SqlValue(operation) is not { } value || SqlText.Of(value, scan.Ownership) is not { } text || text.IndexOf('=') < 0)
            {
                return;
            }

            Match match;
            try
            {
                match = RelativeSet.Match(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return;
            }

            if (match.Success)
            {
                scan.Report(Descriptors, value, "runs the relative SQL update 'SET " + match.Groups["assign"].Value + " …'");
            }
        }
    }

    /// <summary>Where SQL text reaches a database API, and what that text is (constants, interpolations and concatenations).</summary>
    internal static class SqlText
    {
        private static readonly string[] SqlParameterNames = { "sql", "cmdText", "commandText", "query", "sqlText", "commandSql" };

        /// <summary>The SQL value of an argument to a sql/commandText parameter or of a <c>CommandText</c> assignment; null otherwise.</summary>
        public static IOperation? SqlValue(IOperation operation)
        {
            switch (operation)
            {
                case IArgumentOperation { Parameter: { } parameter } argument:
                    foreach (var name in SqlParameterNames)
                    {
                        if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
                        {
                            return argument.Value;
                        }
                    }

                    return null;
                case ISimpleAssignmentOperation assignment when Unwrap(assignment.Target) is IPropertyReferenceOperation { Property.Name: "CommandText" }:
                    return assignment.Value;
                default:
                    return null;
            }
        }

        /// <summary>The text of a SQL value, with "@p" for the parts that are not constant; null when it is not a string we can read.</summary>
        public static string? Of(IOperation? operation, LocalOwnership ownership, int depth = 0)
        {
            operation = Unwrap(operation);
            if (operation is null || depth > LocalOwnership.MaxDepth)
            {
                return null;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                return constant;
            }

            switch (operation)
            {
                case IInterpolatedStringOperation interpolated:
                    var builder = new StringBuilder();
                    foreach (var part in interpolated.Parts)
                    {
                        builder.Append(part is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string partText } } ? partText : "@p");
                    }

                    return builder.ToString();
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return (Of(concatenation.LeftOperand, ownership, depth + 1) ?? "@p") + (Of(concatenation.RightOperand, ownership, depth + 1) ?? "@p");
                case ILocalReferenceOperation local when ownership.ValuesOf(local.Local) is { Count: > 0 } values:
                    return Of(values[0], ownership, depth + 1);
                default:
                    return null;
            }
        }
    }
}
