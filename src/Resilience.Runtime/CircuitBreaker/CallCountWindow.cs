namespace Resilience
{
    /// <summary>
    /// The outcomes of the last <c>SamplingCalls</c> calls (Resilience4j's count-based sliding window), as a ring of outcome
    /// bits with running totals. A short lock per record keeps the ring and the totals consistent; it allocates nothing.
    /// </summary>
    internal sealed class CallCountWindow
    {
        private const byte Failure = 1;
        private const byte Slow = 2;

        private readonly byte[] _outcomes;
        private readonly object _gate = new();
        private long _recorded;
        private int _failures;
        private int _slow;

        public CallCountWindow(int size)
        {
            _outcomes = new byte[size];
        }

        /// <summary>Records one call, dropping the oldest once the window is full, and returns the window's totals after it.</summary>
        public void Record(bool failure, bool slow, out int total, out int failures, out int slowCalls)
        {
            byte outcome = (byte)((failure ? Failure : 0) | (slow ? Slow : 0));
            lock (_gate)
            {
                int slot = (int)(_recorded % _outcomes.Length);
                if (_recorded >= _outcomes.Length)
                {
                    byte dropped = _outcomes[slot];
                    _failures -= dropped & Failure;
                    _slow -= (dropped & Slow) >> 1;
                }

                _outcomes[slot] = outcome;
                _recorded++;
                _failures += outcome & Failure;
                _slow += (outcome & Slow) >> 1;

                total = (int)System.Math.Min(_recorded, _outcomes.Length);
                failures = _failures;
                slowCalls = _slow;
            }
        }

        /// <summary>The failures among the calls in the window now (for statistics).</summary>
        public int Failures
        {
            get { lock (_gate) { return _failures; } }
        }
    }
}
