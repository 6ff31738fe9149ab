namespace Resilience.Generators
{
    /// <summary>Metadata names of the attributes the generator reacts to.</summary>
    internal static class AttributeNames
    {
        public const string Retry = "Resilience.RetryAttribute";
        public const string CircuitBreaker = "Resilience.CircuitBreakerAttribute";
        public const string Timeout = "Resilience.TimeoutAttribute";
        public const string Bulkhead = "Resilience.BulkheadAttribute";
        public const string Fallback = "Resilience.FallbackAttribute";
        public const string LastKnownGood = "Resilience.LastKnownGoodAttribute";
        public const string Idempotent = "Resilience.IdempotentAttribute";
        public const string Checkpoint = "Resilience.CheckpointAttribute";

        /// <summary>Every attribute, in composition order (outermost first).</summary>
        public static readonly string[] All = { Idempotent, Checkpoint, Fallback, LastKnownGood, Retry, CircuitBreaker, Timeout, Bulkhead };
    }
}
