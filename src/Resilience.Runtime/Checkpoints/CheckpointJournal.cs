using System;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    // The per-run journal: records checkpoint:<wf>:j:00000000, ...01, ... each naming one completed step (as its
    // fingerprint), appended in completion order by claiming the next free sequence number. Entries are never changed or
    // removed one by one (only with the whole run), so a run's cache only ever grows.
    internal static class CheckpointJournal
    {
        private static readonly TimeSpan s_appendLease = TimeSpan.FromSeconds(60);

        public static async ValueTask RefreshAsync(IDurableStore store, string workflowId, string step, CheckpointRunState run, CancellationToken cancellationToken)
        {
            while (true)
            {
                int sequence = run.JournalCount;
                DurableRecord? record = await GetAsync(store, workflowId, step, sequence, cancellationToken).ConfigureAwait(false);
                if (record is null)
                {
                    return;
                }

                run.AddJournal(sequence, record.Fingerprint);
            }
        }

        /// <summary>Appends <paramref name="step"/> unless the journal already names it (a completion whose append was interrupted is repaired on replay).</summary>
        public static async ValueTask EnsureAppendedAsync(IDurableStore store, string workflowId, string step, CheckpointRunState run, CancellationToken cancellationToken)
        {
            if (run.JournalContains(step))
            {
                return;
            }

            await RefreshAsync(store, workflowId, step, run, cancellationToken).ConfigureAwait(false);
            if (run.JournalContains(step))
            {
                return;
            }

            string owner = DurableClaim.NewOwner();
            int sequence = run.JournalCount;
            while (true)
            {
                string key = CheckpointKeys.JournalKey(workflowId, sequence);
                ClaimResult result;
                try
                {
                    // A short lease: an entry orphaned by a crash between claim and completion is taken over, not kept for a century.
                    result = await store.TryClaimAsync(key, step, owner, s_appendLease, cancellationToken).ConfigureAwait(false);
                    if (result.Status == ClaimStatus.Claimed)
                    {
                        await DurableCompletion.CompleteAsync(store, result.Claim, ReadOnlyMemory<byte>.Empty, CheckpointPolicy.RecordLifetime).ConfigureAwait(false);
                        run.AddJournal(sequence, step);
                        return;
                    }
                }
                catch (DurableRecordCorruptedException ex)
                {
                    throw CheckpointKeys.Corrupted(ex);
                }
                catch (Exception ex) when (ex is not ResilienceException && ex is not OperationCanceledException)
                {
                    throw DurableStoreException.Wrap(store.Name, key, "append to the checkpoint journal at", ex);
                }

                // Taken (by this step from a concurrent worker, or by another step): look at the next slot.
                run.AddJournal(sequence, result.Record!.Fingerprint);
                if (string.Equals(result.Record.Fingerprint, step, StringComparison.Ordinal))
                {
                    return;
                }

                sequence++;
            }
        }

        private static async ValueTask<DurableRecord?> GetAsync(IDurableStore store, string workflowId, string step, int sequence, CancellationToken cancellationToken)
        {
            string key = CheckpointKeys.JournalKey(workflowId, sequence);
            try
            {
                return await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
            }
            catch (DurableRecordCorruptedException ex)
            {
                throw new CheckpointCorruptedException(workflowId, step, ex.Location, $"journal entry {sequence + 1}: {ex.Reason}", ex);
            }
            catch (Exception ex) when (ex is not ResilienceException && ex is not OperationCanceledException)
            {
                throw DurableStoreException.Wrap(store.Name, key, "read", ex);
            }
        }
    }
}
