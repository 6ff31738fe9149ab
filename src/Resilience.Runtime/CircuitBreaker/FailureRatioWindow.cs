using System;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// A sliding window of call outcomes in <see cref="BucketCount"/> buckets, each a tenth of the window wide. Recording is
    /// lock-free; the short lock is taken only when a bucket is reused for a later slice of time (once per bucket width).
    /// The window covers the current bucket and the nine before it, so samples age out in steps of a tenth of the window.
    /// </summary>
    internal sealed class FailureRatioWindow
    {
        public const int BucketCount = 10;

        private readonly Bucket[] _buckets;
        private readonly long _bucketTicks;

        public FailureRatioWindow(long windowTicks)
        {
            _bucketTicks = Math.Max(1, windowTicks / BucketCount);
            _buckets = new Bucket[BucketCount];
            for (int i = 0; i < _buckets.Length; i++)
            {
                _buckets[i] = new Bucket();
            }
        }

        public void Record(long nowTicks, bool failure, bool slow = false)
        {
            long id = nowTicks / _bucketTicks;
            Bucket bucket = _buckets[(int)(id % BucketCount)];
            long bucketId = Volatile.Read(ref bucket.Id);
            if (bucketId != id)
            {
                if (bucketId > id)
                {
                    // A late sample from a slice that has left the window.
                    return;
                }

                lock (bucket)
                {
                    if (bucket.Id < id)
                    {
                        bucket.Total = 0;
                        bucket.Failures = 0;
                        bucket.Slow = 0;
                        Volatile.Write(ref bucket.Id, id);
                    }
                }
            }

            Interlocked.Increment(ref bucket.Total);
            if (failure)
            {
                Interlocked.Increment(ref bucket.Failures);
            }

            if (slow)
            {
                Interlocked.Increment(ref bucket.Slow);
            }
        }

        public void Sum(long nowTicks, out long total, out long failures) => Sum(nowTicks, out total, out failures, out _);

        public void Sum(long nowTicks, out long total, out long failures, out long slow)
        {
            long current = nowTicks / _bucketTicks;
            total = 0;
            failures = 0;
            slow = 0;
            foreach (Bucket bucket in _buckets)
            {
                long id = Volatile.Read(ref bucket.Id);
                if (id > current - BucketCount && id <= current)
                {
                    total += Volatile.Read(ref bucket.Total);
                    failures += Volatile.Read(ref bucket.Failures);
                    slow += Volatile.Read(ref bucket.Slow);
                }
            }
        }

        private sealed class Bucket
        {
            public long Id = long.MinValue;
            public int Total;
            public int Failures;
            public int Slow;
        }
    }
}
