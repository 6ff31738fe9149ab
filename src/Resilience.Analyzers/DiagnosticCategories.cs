namespace Resilience.Analyzers
{
    /// <summary>The categories of the RES diagnostics.</summary>
    internal static class DiagnosticCategories
    {
        public const string Usage = "Resilience.Usage";
        public const string Idempotency = "Resilience.Idempotency";
    }
}
