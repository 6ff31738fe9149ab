using System;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// Completion and release of a claim after the protected action ran, made robust against short store outages: the
    /// action must never run twice because one write failed. Completion is retried (with backoff, on the store's clock)
    /// until the claim's lease ends — after that another caller may take the key over and a late write is fenced by the
    /// store anyway. Release is tried once inline and then retried in the background until the lease ends, so the caller's
    /// exception is never delayed.
    /// </summary>
    internal static class DurableCompletion
    {
        private static readonly TimeSpan s_firstDelay = TimeSpan.FromMilliseconds(50);
        private static readonly TimeSpan s_maxDelay = TimeSpan.FromSeconds(2);

        /// <exception cref="ClaimLostException">The claim was taken over; this completion is rejected.</exception>
        /// <exception cref="DurableStoreException">The store kept failing until the lease ended.</exception>
        public static async ValueTask<DurableRecord> CompleteAsync(IDurableStore store, DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive)
        {
            TimeSpan delay = s_firstDelay;
            bool retried = false;
            while (true)
            {
                try
                {
                    return await store.CompleteAsync(claim, payload, timeToLive, CancellationToken.None).ConfigureAwait(false);
                }
                catch (ClaimLostException) when (retried)
                {
                    // An earlier attempt may have been written with its answer lost with the connection.
                    if (await CompletedByAsync(store, claim).ConfigureAwait(false) is { } done)
                    {
                        return done;
                    }

                    throw;
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    TimeProvider clock = store.TimeProvider;
                    if (clock.GetUtcNow() + delay >= claim.LeaseUntil)
                    {
                        throw ex as DurableStoreException ?? DurableStoreException.Wrap(store.Name, claim.Key, "complete", ex);
                    }

                    await Task.Delay(delay, clock).ConfigureAwait(false);
                    delay = delay + delay < s_maxDelay ? delay + delay : s_maxDelay;
                    retried = true;
                }
                catch (Exception ex) when (ex is not ResilienceException)
                {
                    throw DurableStoreException.Wrap(store.Name, claim.Key, "complete", ex);
                }
            }
        }

        /// <summary>Gives the claim up; never throws. When the store fails, keeps trying in the background until the lease ends.</summary>
        public static ValueTask ReleaseQuietlyAsync(IDurableStore store, DurableClaim claim)
        {
            ValueTask<bool> attempt;
            try
            {
                attempt = store.ReleaseAsync(claim, CancellationToken.None);
            }
            catch (Exception)
            {
                _ = Task.Run(() => ReleaseInBackgroundAsync(store, claim));
                return default;
            }

            if (attempt.IsCompletedSuccessfully)
            {
                return default;
            }

            return AwaitReleaseAsync(store, claim, attempt);
        }

        private static async ValueTask AwaitReleaseAsync(IDurableStore store, DurableClaim claim, ValueTask<bool> attempt)
        {
            try
            {
                await attempt.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The caller's own exception matters more: retry without holding it up.
                _ = Task.Run(() => ReleaseInBackgroundAsync(store, claim));
            }
        }

        private static async Task ReleaseInBackgroundAsync(IDurableStore store, DurableClaim claim)
        {
            TimeSpan delay = s_firstDelay;
            TimeProvider clock = store.TimeProvider;
            while (clock.GetUtcNow() + delay < claim.LeaseUntil)
            {
                try
                {
                    await Task.Delay(delay, clock).ConfigureAwait(false);
                    await store.ReleaseAsync(claim, CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                catch (Exception ex) when (IsTransient(ex))
                {
                    delay = delay + delay < s_maxDelay ? delay + delay : s_maxDelay;
                }
                catch (Exception)
                {
                    return; // fenced or corrupt: nothing more a release can do
                }
            }
        }

        private static async ValueTask<DurableRecord?> CompletedByAsync(IDurableStore store, DurableClaim claim)
        {
            try
            {
                DurableRecord? record = await store.GetAsync(claim.Key, CancellationToken.None).ConfigureAwait(false);
                return record is { State: DurableRecordState.Completed } &&
                    record.Epoch == claim.Epoch && string.Equals(record.Owner, claim.Owner, StringComparison.Ordinal) ? record : null;
            }
            catch (Exception)
            {
                return null;
            }
        }

        // Store failures are worth retrying; a lost claim, a corrupt record and programming errors are not.
        private static bool IsTransient(Exception ex) =>
            ex is not ClaimLostException and not DurableRecordCorruptedException and not ArgumentException and not InvalidOperationException and not OperationCanceledException &&
            (ex is DurableStoreException || ex is not ResilienceException);
    }
}
