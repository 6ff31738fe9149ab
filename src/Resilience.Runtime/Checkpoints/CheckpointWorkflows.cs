using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>One workflow run as its checkpoint records show it (<see cref="CheckpointWorkflows.ListRunsAsync"/>).</summary>
    public sealed class CheckpointRunInfo
    {
        /// <summary>Creates the description.</summary>
        public CheckpointRunInfo(string workflowId, IReadOnlyList<string> completedSteps, IReadOnlyList<string> runningSteps, DateTimeOffset lastUpdated)
        {
            WorkflowId = workflowId;
            CompletedSteps = completedSteps;
            RunningSteps = runningSteps;
            LastUpdated = lastUpdated;
        }

        /// <summary>The workflow id.</summary>
        public string WorkflowId { get; }

        /// <summary>The completed steps in completion order (the journal's order).</summary>
        public IReadOnlyList<string> CompletedSteps { get; }

        /// <summary>Steps claimed by a worker and not completed: running now, or interrupted by a crash (see <see cref="DurableRecord.LeaseUntil"/>).</summary>
        public IReadOnlyList<string> RunningSteps { get; }

        /// <summary>When a step of the run was last claimed or completed.</summary>
        public DateTimeOffset LastUpdated { get; }
    }

    /// <summary>Which runs <see cref="CheckpointWorkflows.ApplyRetentionAsync"/> deletes.</summary>
    public sealed class CheckpointRetention
    {
        /// <summary>Keep at most this many runs (the most recently updated); <see langword="null"/> for no limit.</summary>
        public int? MaxRuns { get; init; }

        /// <summary>Delete runs not updated for this long; <see langword="null"/> for no limit.</summary>
        public TimeSpan? MaxAge { get; init; }
    }

    /// <summary>
    /// The lifecycle of <see cref="CheckpointAttribute"/> workflow runs in a store: list runs and their progress, delete a
    /// finished run, and apply retention (at most N runs, none older than an age).
    /// </summary>
    public static class CheckpointWorkflows
    {
        /// <summary>Lists every run in <paramref name="store"/> (<see langword="null"/> for <see cref="ResilienceStores.Default"/>), most recently updated first.</summary>
        /// <exception cref="CheckpointCorruptedException">A checkpoint record is corrupt (it is not deleted).</exception>
        public static async ValueTask<IReadOnlyList<CheckpointRunInfo>> ListRunsAsync(IDurableStore? store = null, CancellationToken cancellationToken = default)
        {
            store ??= ResilienceStores.Default;
            IReadOnlyList<DurableRecord> records = await ListAsync(store, CheckpointKeys.Prefix, cancellationToken).ConfigureAwait(false);
            var runs = new List<CheckpointRunInfo>();
            foreach (IGrouping<string, (string WorkflowId, char Kind, string Name, DurableRecord Record)> group in Parse(records).GroupBy(r => r.WorkflowId, StringComparer.Ordinal))
            {
                runs.Add(Describe(group.Key, group.ToList()));
            }

            runs.Sort(static (a, b) => b.LastUpdated.CompareTo(a.LastUpdated));
            return runs;
        }

        /// <summary>Describes one run; <see langword="null"/> when the store has no record of it.</summary>
        /// <exception cref="CheckpointCorruptedException">A record of the run is corrupt.</exception>
        public static async ValueTask<CheckpointRunInfo?> GetRunAsync(IDurableStore? store, string workflowId, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrEmpty(workflowId);
            store ??= ResilienceStores.Default;
            IReadOnlyList<DurableRecord> records = await ListAsync(store, CheckpointKeys.RunPrefix(workflowId), cancellationToken).ConfigureAwait(false);
            var parsed = Parse(records).ToList();
            return parsed.Count == 0 ? null : Describe(workflowId, parsed);
        }

        /// <summary>
        /// Deletes every record of a run (its steps and journal), so that the workflow id starts afresh. Refuses a run with a
        /// step claimed under a live lease (a worker is running it) unless <paramref name="force"/>.
        /// </summary>
        /// <returns>The number of records deleted (0 when the run did not exist).</returns>
        /// <exception cref="InvalidOperationException">A step of the run is running and <paramref name="force"/> is <see langword="false"/>.</exception>
        public static async ValueTask<int> DeleteRunAsync(IDurableStore? store, string workflowId, bool force = false, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrEmpty(workflowId);
            store ??= ResilienceStores.Default;
            IReadOnlyList<DurableRecord> records = await ListAsync(store, CheckpointKeys.RunPrefix(workflowId), cancellationToken).ConfigureAwait(false);
            if (!force && HasLiveClaim(records, store.TimeProvider.GetUtcNow()) is { } running)
            {
                throw new InvalidOperationException($"Workflow '{workflowId}' is running (step '{running}' is claimed); pass force: true to delete it anyway.");
            }

            int deleted = 0;
            foreach (DurableRecord record in records)
            {
                if (await store.DeleteAsync(record.Key, cancellationToken).ConfigureAwait(false))
                {
                    deleted++;
                }
            }

            CheckpointRunState.Forget(store, workflowId);
            return deleted;
        }

        /// <summary>
        /// Deletes runs per <paramref name="retention"/>: runs not updated within <see cref="CheckpointRetention.MaxAge"/>,
        /// then all but the <see cref="CheckpointRetention.MaxRuns"/> most recently updated. Runs with a running step
        /// (a claim under a live lease) are kept and not counted against <see cref="CheckpointRetention.MaxRuns"/>.
        /// </summary>
        /// <returns>The ids of the deleted runs.</returns>
        public static async ValueTask<IReadOnlyList<string>> ApplyRetentionAsync(IDurableStore? store, CheckpointRetention retention, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(retention);
            if (retention.MaxRuns is < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(retention), retention.MaxRuns, "MaxRuns must be 0 or more.");
            }

            store ??= ResilienceStores.Default;
            DateTimeOffset now = store.TimeProvider.GetUtcNow();
            IReadOnlyList<CheckpointRunInfo> runs = await ListRunsAsync(store, cancellationToken).ConfigureAwait(false);
            var deleted = new List<string>();
            int kept = 0;
            foreach (CheckpointRunInfo run in runs)
            {
                if (run.RunningSteps.Count > 0)
                {
                    continue;
                }

                bool tooOld = retention.MaxAge is { } age && now - run.LastUpdated > age;
                bool tooMany = retention.MaxRuns is { } max && kept >= max;
                if (tooOld || tooMany)
                {
                    await DeleteRunAsync(store, run.WorkflowId, force: false, cancellationToken).ConfigureAwait(false);
                    deleted.Add(run.WorkflowId);
                }
                else
                {
                    kept++;
                }
            }

            return deleted;
        }

        private static async ValueTask<IReadOnlyList<DurableRecord>> ListAsync(IDurableStore store, string prefix, CancellationToken cancellationToken)
        {
            try
            {
                return await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
            }
            catch (DurableRecordCorruptedException ex)
            {
                throw CheckpointKeys.Corrupted(ex);
            }
            catch (Exception ex) when (ex is not ResilienceException && ex is not OperationCanceledException)
            {
                throw DurableStoreException.Wrap(store.Name, prefix, "list", ex);
            }
        }

        private static IEnumerable<(string WorkflowId, char Kind, string Name, DurableRecord Record)> Parse(IReadOnlyList<DurableRecord> records)
        {
            foreach (DurableRecord record in records)
            {
                if (CheckpointKeys.TryParse(record.Key, out string workflowId, out char kind, out string rest))
                {
                    yield return (workflowId, kind, rest, record);
                }
            }
        }

        private static string? HasLiveClaim(IReadOnlyList<DurableRecord> records, DateTimeOffset now)
        {
            foreach (DurableRecord record in records)
            {
                if (record.State == DurableRecordState.Claimed && !record.IsExpired(now) &&
                    CheckpointKeys.TryParse(record.Key, out _, out char kind, out string step) && kind == 's')
                {
                    return step;
                }
            }

            return null;
        }

        private static CheckpointRunInfo Describe(string workflowId, List<(string WorkflowId, char Kind, string Name, DurableRecord Record)> records)
        {
            var completed = new List<string>();
            var running = new List<string>();
            var completedSteps = new HashSet<string>(StringComparer.Ordinal);
            DateTimeOffset lastUpdated = DateTimeOffset.MinValue;
            foreach (var r in records)
            {
                lastUpdated = Max(lastUpdated, r.Record.CreatedAt);
                if (r.Kind == 's')
                {
                    if (r.Record.State == DurableRecordState.Completed)
                    {
                        completedSteps.Add(r.Name);
                        if (r.Record.ExpiresAt is { } expires)
                        {
                            lastUpdated = Max(lastUpdated, expires - CheckpointPolicy.RecordLifetime);
                        }
                    }
                    else
                    {
                        running.Add(r.Name);
                    }
                }
            }

            // Journal order (keys sort by sequence), then completed steps whose journal entry was not written yet.
            foreach (var r in records.Where(r => r.Kind == 'j'))
            {
                string step = r.Record.Fingerprint;
                if (completedSteps.Contains(step) && !completed.Contains(step))
                {
                    completed.Add(step);
                }
            }

            foreach (var r in records.Where(r => r.Kind == 's' && r.Record.State == DurableRecordState.Completed).OrderBy(r => r.Record.CreatedAt))
            {
                if (!completed.Contains(r.Name))
                {
                    completed.Add(r.Name);
                }
            }

            return new CheckpointRunInfo(workflowId, completed, running, lastUpdated);
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }
}
