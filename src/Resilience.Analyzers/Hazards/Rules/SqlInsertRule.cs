using System;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Resilience.Analyzers.Hazards.Rules
{
    /// <summary>
    /// RES1008: SQL reaching ADO.NET, Dapper or EF raw-SQL APIs that inserts without conflict handling (no
    /// <c>ON CONFLICT</c>, <c>MERGE</c>, <c>WHERE NOT EXISTS</c>, <c>IF NOT EXISTS</c>, <c>INSERT IGNORE</c>,
    /// <c>ON DUPLICATE KEY</c>), or consumes a sequence (<c>nextval(...)</c>, <c>NEXT VALUE FOR</c>).
    /// </summary>
    internal sealed class SqlInsertRule : HazardRule
    {
        public static readonly SqlInsertRule Instance = new SqlInsertRule();

        private static readonly Regex Insert = new Regex(
            @"\bINSERT\s+(?:INTO\s+)?(?<table>[\w"".\[\]`]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        private static readonly Regex ConflictHandling = new Regex(
            @"\bON\s+CONFLICT\b|\bMERGE\b|\bNOT\s+EXISTS\b|\bINSERT\s+IGNORE\b|\bON\s+DUPLICATE\s+KEY\b|\bINSERT\s+OR\s+(?:IGNORE|REPLACE)\b|\bUPSERT\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        private static readonly Regex Sequence = new Regex(
            @"\bnextval\s*\(|\bNEXT\s+VALUE\s+FOR\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromMilliseconds(200));

        public override HazardRuleDescriptors Descriptors => HazardDescriptors.SqlInsert;

        public override ImmutableArray<OperationKind> Kinds { get; } = ImmutableArray.Create(OperationKind.Argument, OperationKind.SimpleAssignment);

        public override void Inspect(IOperation operation, HazardScan scan)
        {
            if (SqlText.SqlValue(operation) is not { } value || SqlText.Of(value, scan.Ownership) is not { } text)
            {
                return;
            }

            try
            {
                var insert = Insert.Match(text);
                if (insert.Success && !ConflictHandling.IsMatch(text))
                {
                    scan.Report(Descriptors, value, "inserts into '" + insert.Groups["table"].Value + "' without conflict handling (no ON CONFLICT / WHERE NOT EXISTS)");
                }
                else if (!insert.Success && Sequence.IsMatch(text))
                {
                    scan.Report(Descriptors, value, "takes the next value of a database sequence");
                }
            }
            catch (RegexMatchTimeoutException)
            {
            }
        }
    }
}
