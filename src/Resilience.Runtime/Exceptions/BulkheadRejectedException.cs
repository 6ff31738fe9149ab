using System;

namespace Resilience
{
    /// <summary>Thrown by <see cref="BulkheadAttribute"/> when every slot is busy and the queue is full.</summary>
    public sealed class BulkheadRejectedException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        public BulkheadRejectedException(string bulkheadName, int maxConcurrency, int maxQueue)
            : base(bulkheadName, innerException: null)
        {
            MaxConcurrency = maxConcurrency;
            MaxQueue = maxQueue;
        }

        // Rejections are thrown far more often than their message is read: format it on first read only.
        private string? _message;

        /// <inheritdoc/>
        public override string Message =>
            _message ??= $"Bulkhead '{PolicyName}' rejected the call: {MaxConcurrency} call(s) running and {MaxQueue} queued.";

        /// <summary>The bulkhead's concurrency limit.</summary>
        public int MaxConcurrency { get; }

        /// <summary>The bulkhead's queue limit.</summary>
        public int MaxQueue { get; }
    }
}
