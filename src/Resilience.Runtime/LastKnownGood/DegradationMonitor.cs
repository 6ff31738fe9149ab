using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Every degraded answer of the process, per protected method: counters, the latest answer and an event. Health checks
    /// read it to report "recently degraded"; applications subscribe to <see cref="Degraded"/> to observe answers without
    /// opening a <see cref="DegradationScope"/>. Only degraded answers touch it; the success path never does.
    /// </summary>
    public static class DegradationMonitor
    {
        private static readonly ConcurrentDictionary<string, Entry> s_entries = new(StringComparer.Ordinal);

        /// <summary>Raised after every degraded answer, on the thread that gave it. An exception from a handler is swallowed.</summary>
        public static event EventHandler<DegradedAnswer>? Degraded;

        /// <summary>The statistics of every method that has given a degraded answer (or rejected a stale value), ordered by name.</summary>
        public static IReadOnlyList<DegradationStatistics> GetStatistics()
        {
            var list = new List<DegradationStatistics>(s_entries.Count);
            foreach (KeyValuePair<string, Entry> pair in s_entries)
            {
                list.Add(pair.Value.Snapshot(pair.Key));
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.PolicyName, b.PolicyName));
            return list;
        }

        /// <summary>The degraded answers given at or after <paramref name="since"/>: the latest of each method, ordered by name.</summary>
        public static IReadOnlyList<DegradedAnswer> GetRecent(DateTimeOffset since)
        {
            var list = new List<DegradedAnswer>();
            foreach (DegradationStatistics statistics in GetStatistics())
            {
                if (statistics.Last is { } last && last.Time >= since)
                {
                    list.Add(last);
                }
            }

            return list;
        }

        /// <summary>Forgets every count (for tests).</summary>
        public static void Reset() => s_entries.Clear();

        internal static void OnDegraded(DegradedAnswer answer)
        {
            s_entries.GetOrAdd(answer.PolicyName, static _ => new Entry()).Record(answer);
            DegradationScope.Report(answer);
            EventHandler<DegradedAnswer>? handlers = Degraded;
            if (handlers is null)
            {
                return;
            }

            foreach (Delegate handler in handlers.GetInvocationList())
            {
                try
                {
                    ((EventHandler<DegradedAnswer>)handler)(null, answer);
                }
                catch (Exception ex)
                {
                    DegradationTelemetry.OnHandlerFailed(answer.PolicyName, ex);
                }
            }
        }

        internal static void OnStaleRejected(string policyName) =>
            Interlocked.Increment(ref s_entries.GetOrAdd(policyName, static _ => new Entry()).StaleRejected);

        private sealed class Entry
        {
            public long Count;
            public long StaleRejected;
            private DegradedAnswer? _last;

            public void Record(DegradedAnswer answer)
            {
                Interlocked.Increment(ref Count);
                Volatile.Write(ref _last, answer);
            }

            public DegradationStatistics Snapshot(string name) =>
                new(name, Interlocked.Read(ref Count), Interlocked.Read(ref StaleRejected), Volatile.Read(ref _last));
        }
    }
}
