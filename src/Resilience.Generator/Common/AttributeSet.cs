using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>The Resilience attributes on one method, by policy.</summary>
    internal sealed class AttributeSet
    {
        public AttributeData? Idempotent;
        public AttributeData? Checkpoint;
        public List<AttributeData> Fallbacks = new();
        public AttributeData? LastKnownGood;
        public AttributeData? Retry;
        public AttributeData? CircuitBreaker;
        public AttributeData? Timeout;
        public AttributeData? OverallTimeout;
        /// <summary>Every [Timeout] after the first of its scope (RES0035).</summary>
        public List<AttributeData> DuplicateTimeouts = new();
        public AttributeData? Bulkhead;

        /// <summary>The metadata name of the first attribute present, in composition order.</summary>
        public string? Primary =>
            Idempotent is not null ? AttributeNames.Idempotent
            : Checkpoint is not null ? AttributeNames.Checkpoint
            : Fallbacks.Count > 0 ? AttributeNames.Fallback
            : LastKnownGood is not null ? AttributeNames.LastKnownGood
            : Retry is not null ? AttributeNames.Retry
            : CircuitBreaker is not null ? AttributeNames.CircuitBreaker
            : Timeout is not null || OverallTimeout is not null ? AttributeNames.Timeout
            : Bulkhead is not null ? AttributeNames.Bulkhead
            : null;

        public static AttributeSet Read(IMethodSymbol method)
        {
            var set = new AttributeSet();
            foreach (AttributeData attribute in method.GetAttributes())
            {
                switch (attribute.AttributeClass?.ToDisplayString())
                {
                    case AttributeNames.Idempotent: set.Idempotent = attribute; break;
                    case AttributeNames.Checkpoint: set.Checkpoint = attribute; break;
                    case AttributeNames.Fallback: set.Fallbacks.Add(attribute); break;
                    case AttributeNames.LastKnownGood: set.LastKnownGood = attribute; break;
                    case AttributeNames.Retry: set.Retry = attribute; break;
                    case AttributeNames.CircuitBreaker: set.CircuitBreaker = attribute; break;
                    case AttributeNames.Timeout: set.AddTimeout(attribute); break;
                    case AttributeNames.Bulkhead: set.Bulkhead = attribute; break;
                }
            }

            return set;
        }

        /// <summary>Whether a <c>[Timeout]</c> says <c>Scope = TimeoutScope.Overall</c> (1): it bounds the whole call; anything else one attempt.</summary>
        public static bool IsOverallTimeout(AttributeData attribute) =>
            attribute.NamedArguments.Any(a => a.Key == "Scope" && a.Value.Value is int scope && scope == 1);

        // One [Timeout] of each scope.
        private void AddTimeout(AttributeData attribute)
        {
            bool overall = IsOverallTimeout(attribute);
            if ((overall ? OverallTimeout : Timeout) is not null)
            {
                DuplicateTimeouts.Add(attribute);
            }
            else if (overall)
            {
                OverallTimeout = attribute;
            }
            else
            {
                Timeout = attribute;
            }
        }
    }
}
