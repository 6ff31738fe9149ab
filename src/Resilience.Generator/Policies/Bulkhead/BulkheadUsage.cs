namespace Resilience.Generators
{
    /// <summary>The usage rules of <c>[Bulkhead]</c>: its ranges (RES0007).</summary>
    internal static class BulkheadUsage
    {
        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.String("Name"),
            ArgumentRule.Int("MaxConcurrency", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("MaxQueue", v => v >= 0, "it must be 0 or more"),
        };
    }
}
