using System;
using System.ComponentModel;

namespace Resilience
{
    /// <summary>
    /// A slot of a <see cref="Bulkhead"/>, held until disposed. Dispose it exactly once (a <c>using</c> statement does); disposing
    /// the same value again does nothing. The default value (returned while bulkheads are switched off) holds nothing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct BulkheadLease : IDisposable
    {
        private Bulkhead? _bulkhead;

        internal BulkheadLease(Bulkhead bulkhead)
        {
            _bulkhead = bulkhead;
            bulkhead.OnAdmitted();
        }

        /// <summary>Whether this value still holds a slot.</summary>
        public readonly bool IsHeld => _bulkhead is not null;

        /// <summary>Releases the slot: hands it to the first queued call, or frees it.</summary>
        public void Dispose()
        {
            Bulkhead? bulkhead = _bulkhead;
            if (bulkhead is not null)
            {
                _bulkhead = null;
                bulkhead.Release();
            }
        }
    }
}
