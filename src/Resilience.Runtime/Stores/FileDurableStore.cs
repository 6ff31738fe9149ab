using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The embedded durable <see cref="IDurableStore"/>: one file per key in a directory, safe for several threads and
    /// several OS processes sharing the directory (on one machine).
    /// </summary>
    /// <remarks>
    /// <para>
    /// A record lives in <c>&lt;directory&gt;/&lt;sha256(key)&gt;.rec</c> (hashing makes any key a safe file name). Every change
    /// is written to a temporary file, flushed to disk (<see cref="FileStream.Flush(bool)"/>), renamed over the record
    /// atomically, and on Linux the directory is fsynced so the rename itself survives a power loss. Readers therefore see
    /// the old or the new record, never a torn one.
    /// </para>
    /// <para>
    /// Read-modify-write operations on a key run under a lock file in <c>.locks/</c> opened with
    /// <see cref="FileShare.None"/> (an exclusive <c>flock</c> on Unix, a sharing lock on Windows), one of 256 stripes chosen
    /// by the key's hash. The OS drops the lock when a process dies, so a crash never leaves a key locked.
    /// </para>
    /// <para>
    /// Each record is a small JSON document holding its SHA-256 checksum. A record that cannot be parsed or fails its
    /// checksum throws <see cref="DurableRecordCorruptedException"/> with the file path; it is never used or deleted silently.
    /// </para>
    /// </remarks>
    public sealed class FileDurableStore : IDurableStore
    {
        private const int StripeCount = 256;
        private const string RecordExtension = ".rec";
        private const string TempExtension = ".tmp";
        private static readonly TimeSpan s_lockTimeout = TimeSpan.FromSeconds(30);

        private readonly SemaphoreSlim[] _stripes = CreateStripes();
        private readonly TimeProvider? _timeProvider;
        private readonly string _lockDirectory;
        private readonly string _tempDirectory;
        private int _directoriesCreated;
        private int _cleanedUp;

        /// <summary>Creates a store on <paramref name="directory"/> (created on first use).</summary>
        /// <param name="directory">The directory that holds the records; share it between processes to share the records.</param>
        /// <param name="timeProvider">The clock; <see langword="null"/> uses <see cref="ResilienceRuntime.TimeProvider"/> at each operation.</param>
        public FileDurableStore(string directory, TimeProvider? timeProvider = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(directory);
            Directory = Path.GetFullPath(directory);
            _timeProvider = timeProvider;
            _lockDirectory = Path.Combine(Directory, ".locks");
            _tempDirectory = Path.Combine(Directory, ".tmp");
            Name = "file:" + Directory;
        }

        /// <summary>The full path of the directory that holds the records.</summary>
        public string Directory { get; }

        /// <inheritdoc/>
        public string Name { get; }

        /// <inheritdoc/>
        public TimeProvider TimeProvider => _timeProvider ?? ResilienceRuntime.TimeProvider;

        /// <summary>The path of the file that holds <paramref name="key"/>'s record.</summary>
        public string GetRecordPath(string key)
        {
            ArgumentNullException.ThrowIfNull(key);
            return Path.Combine(Directory, HashKey(key) + RecordExtension);
        }

        /// <inheritdoc/>
        public async ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(fingerprint);
            ArgumentNullException.ThrowIfNull(owner);
            string hash = HashKey(key);
            string path = Path.Combine(Directory, hash + RecordExtension);

            // Fast path without the lock: a completed record (or a live claim) is answered from a plain read, since
            // records are replaced by atomic renames.
            DateTimeOffset now = TimeProvider.GetUtcNow();
            DurableRecord? existing = Read(key, path, "claim");
            if (existing?.Evaluate(fingerprint, now) is { } early)
            {
                return early;
            }

            // The first claim of this store instance removes temporary files that crashed writers left behind.
            await CleanUpOnceAsync(cancellationToken).ConfigureAwait(false);
            using (await LockAsync(key, hash, cancellationToken).ConfigureAwait(false))
            {
                now = TimeProvider.GetUtcNow();
                existing = Read(key, path, "claim");
                if (existing?.Evaluate(fingerprint, now) is { } result)
                {
                    return result;
                }

                var claimed = new DurableRecord(
                    key, fingerprint, DurableRecordState.Claimed, owner, (existing?.Epoch ?? 0) + 1,
                    now, now + lease, null, ReadOnlyMemory<byte>.Empty);
                Write(key, hash, path, claimed, "claim");
                return ClaimResult.Claimed(InMemoryDurableStore.ToClaim(claimed));
            }
        }

        /// <inheritdoc/>
        public async ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
        {
            string hash = HashKey(claim.Key);
            string path = Path.Combine(Directory, hash + RecordExtension);
            using (await LockAsync(claim.Key, hash, cancellationToken).ConfigureAwait(false))
            {
                DurableRecord? existing = Read(claim.Key, path, "complete");
                if (existing is null || !existing.IsHeldBy(claim))
                {
                    throw new ClaimLostException(Name, claim, existing);
                }

                var completed = new DurableRecord(
                    claim.Key, existing.Fingerprint, DurableRecordState.Completed, claim.Owner, claim.Epoch,
                    existing.CreatedAt, null, TimeProvider.GetUtcNow() + timeToLive, payload.ToArray());
                Write(claim.Key, hash, path, completed, "complete");
                return completed;
            }
        }

        /// <inheritdoc/>
        public async ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default)
        {
            string hash = HashKey(claim.Key);
            string path = Path.Combine(Directory, hash + RecordExtension);
            using (await LockAsync(claim.Key, hash, cancellationToken).ConfigureAwait(false))
            {
                DurableRecord? existing = Read(claim.Key, path, "release");
                if (existing is null || !existing.IsHeldBy(claim))
                {
                    return false;
                }

                DeleteFile(claim.Key, path, "release");
                return true;
            }
        }

        /// <inheritdoc/>
        public async ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default)
        {
            string hash = HashKey(claim.Key);
            string path = Path.Combine(Directory, hash + RecordExtension);
            using (await LockAsync(claim.Key, hash, cancellationToken).ConfigureAwait(false))
            {
                DurableRecord? existing = Read(claim.Key, path, "extend the lease of");
                if (existing is null || !existing.IsHeldBy(claim))
                {
                    return false;
                }

                var extended = new DurableRecord(
                    existing.Key, existing.Fingerprint, existing.State, existing.Owner, existing.Epoch,
                    existing.CreatedAt, TimeProvider.GetUtcNow() + lease, null, existing.Payload);
                Write(claim.Key, hash, path, extended, "extend the lease of");
                return true;
            }
        }

        /// <inheritdoc/>
        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            DurableRecord? record = Read(key, GetRecordPath(key), "read");
            return new ValueTask<DurableRecord?>(
                record is not null && !InMemoryDurableStore.IsGone(record, TimeProvider.GetUtcNow()) ? record : null);
        }

        /// <inheritdoc/>
        public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            string hash = HashKey(key);
            string path = Path.Combine(Directory, hash + RecordExtension);
            using (await LockAsync(key, hash, cancellationToken).ConfigureAwait(false))
            {
                return DeleteFile(key, path, "delete");
            }
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(keyPrefix);
            DateTimeOffset now = TimeProvider.GetUtcNow();
            var list = new List<DurableRecord>();
            foreach (string path in EnumerateRecordFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                DurableRecord? record = Read(key: null, path, "list");
                if (record is not null && record.Key.StartsWith(keyPrefix, StringComparison.Ordinal) && !InMemoryDurableStore.IsGone(record, now))
                {
                    list.Add(record);
                }
            }

            list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return new ValueTask<IReadOnlyList<DurableRecord>>(list);
        }

        /// <inheritdoc/>
        public async ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
        {
            int purged = 0;
            foreach (string path in EnumerateRecordFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                DurableRecord? record = Read(key: null, path, "purge");
                if (record is null || !record.IsExpired(TimeProvider.GetUtcNow()))
                {
                    continue;
                }

                string hash = HashKey(record.Key);
                using (await LockAsync(record.Key, hash, cancellationToken).ConfigureAwait(false))
                {
                    // Re-read under the lock: another process may have claimed the key again meanwhile.
                    DurableRecord? current = Read(record.Key, path, "purge");
                    if (current is not null && current.IsExpired(TimeProvider.GetUtcNow()) && DeleteFile(record.Key, path, "purge"))
                    {
                        purged++;
                    }
                }
            }

            return purged;
        }

        private IEnumerable<string> EnumerateRecordFiles()
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return Array.Empty<string>();
            }

            try
            {
                return System.IO.Directory.GetFiles(Directory, "*" + RecordExtension);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw DurableStoreException.Wrap(Name, string.Empty, "list the records for", ex);
            }
        }

        private DurableRecord? Read(string? key, string path, string operation)
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw DurableStoreException.Wrap(Name, key ?? path, operation, ex);
            }

            DurableRecord record;
            try
            {
                record = RecordFileFormat.Parse(bytes);
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException)
            {
                throw new DurableRecordCorruptedException(Name, key ?? Path.GetFileName(path), path, "the file cannot be parsed (" + ex.Message + ")", ex);
            }

            if (!record.HasValidChecksum())
            {
                throw new DurableRecordCorruptedException(Name, key ?? record.Key, path, "its SHA-256 checksum does not match its content");
            }

            if (key is not null && !string.Equals(record.Key, key, StringComparison.Ordinal))
            {
                throw new DurableRecordCorruptedException(Name, key, path, $"the file holds key '{DurableKeys.Shorten(record.Key)}'");
            }

            if (key is null && !string.Equals(Path.GetFileNameWithoutExtension(path), HashKey(record.Key), StringComparison.Ordinal))
            {
                throw new DurableRecordCorruptedException(Name, record.Key, path, "the file name does not match the key's hash");
            }

            return record;
        }

        private void Write(string key, string hash, string path, DurableRecord record, string operation)
        {
            // Called under the key's stripe lock, so no one else writes this temporary file now.
            string temp = Path.Combine(_tempDirectory, hash + TempExtension);
            try
            {
                EnsureDirectories();
                byte[] bytes = RecordFileFormat.Serialize(record);
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.None))
                {
                    if (WriteHook is { } hook)
                    {
                        hook(stream, bytes);
                    }
                    else
                    {
                        stream.Write(bytes, 0, bytes.Length);
                    }

                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, path, overwrite: true);
                DirectorySync.Flush(Directory);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A failed write (a full disk) must not leave its temporary file behind: it would hold the space that other
                // keys need, and every failure would leave one more.
                TryDeleteTemp(temp);
                throw DurableStoreException.Wrap(Name, key, operation, ex);
            }
        }

        // For tests: replaces the write of a record's bytes to its temporary file (e.g. to fail like a full disk).
        internal Action<Stream, byte[]>? WriteHook { get; set; }

        /// <summary>
        /// Removes temporary files left by writes interrupted by a crash. Each file is removed under its key's lock, which
        /// every writer holds for the whole write, so a file another live process is writing is never touched.
        /// </summary>
        internal async ValueTask<int> RemoveStaleTemporaryFilesAsync(CancellationToken cancellationToken)
        {
            string[] temps;
            try
            {
                temps = System.IO.Directory.Exists(_tempDirectory) ? System.IO.Directory.GetFiles(_tempDirectory, "*" + TempExtension) : Array.Empty<string>();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return 0;
            }

            int removed = 0;
            foreach (string temp in temps)
            {
                string hash = Path.GetFileNameWithoutExtension(temp);
                if (hash.Length != 64 || !IsLowerHex(hash))
                {
                    continue; // not ours
                }

                using (await LockAsync(hash, hash, cancellationToken).ConfigureAwait(false))
                {
                    if (File.Exists(temp) && TryDeleteTemp(temp))
                    {
                        removed++;
                    }
                }
            }

            return removed;
        }

        private ValueTask CleanUpOnceAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _cleanedUp) != 0 || Interlocked.Exchange(ref _cleanedUp, 1) != 0)
            {
                return default;
            }

            return new ValueTask(RemoveStaleTemporaryFilesAsync(cancellationToken).AsTask());
        }

        private static bool TryDeleteTemp(string temp)
        {
            try
            {
                File.Delete(temp);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        private static bool IsLowerHex(string text)
        {
            foreach (char c in text)
            {
                if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                {
                    return false;
                }
            }

            return true;
        }

        private bool DeleteFile(string key, string path, string operation)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return false;
                }

                File.Delete(path);
                DirectorySync.Flush(Directory);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw DurableStoreException.Wrap(Name, key, operation, ex);
            }
        }

        private void EnsureDirectories()
        {
            if (Volatile.Read(ref _directoriesCreated) == 0)
            {
                System.IO.Directory.CreateDirectory(Directory);
                System.IO.Directory.CreateDirectory(_lockDirectory);
                System.IO.Directory.CreateDirectory(_tempDirectory);
                Volatile.Write(ref _directoriesCreated, 1);
            }
        }

        private async ValueTask<StripeLock> LockAsync(string key, string hash, CancellationToken cancellationToken)
        {
            int stripe = int.Parse(hash.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            SemaphoreSlim gate = _stripes[stripe];

            // Threads of this process queue on the semaphore; processes compete for the lock file.
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                EnsureDirectories();
                string lockPath = Path.Combine(_lockDirectory, hash.Substring(0, 2) + ".lock");
                long started = Environment.TickCount64;
                int delayMs = 1;
                while (true)
                {
                    try
                    {
                        var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.None);
                        return new StripeLock(gate, file);
                    }
                    catch (IOException ex) when (ex.GetType() == typeof(IOException))
                    {
                        // Held by another process: wait a little (real time; this is not a policy delay).
                        if (Environment.TickCount64 - started > s_lockTimeout.TotalMilliseconds)
                        {
                            throw new DurableStoreException(Name, key, $"Durable store '{Name}' could not lock '{lockPath}' for key '{DurableKeys.Shorten(key)}' within {s_lockTimeout.TotalSeconds:0} s.", ex);
                        }

                        await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
                        delayMs = Math.Min(delayMs * 2, 16);
                    }
                }
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                gate.Release();
                throw DurableStoreException.Wrap(Name, key, "lock", ex);
            }
            catch
            {
                gate.Release();
                throw;
            }
        }

        private static string HashKey(string key) => Hex.ToLower(DurableKeys.Hash(key));

        private static SemaphoreSlim[] CreateStripes()
        {
            var stripes = new SemaphoreSlim[StripeCount];
            for (int i = 0; i < stripes.Length; i++)
            {
                stripes[i] = new SemaphoreSlim(1, 1);
            }

            return stripes;
        }

        private readonly struct StripeLock : IDisposable
        {
            private readonly SemaphoreSlim _gate;
            private readonly FileStream _file;

            public StripeLock(SemaphoreSlim gate, FileStream file)
            {
                _gate = gate;
                _file = file;
            }

            public void Dispose()
            {
                _file.Dispose();
                _gate.Release();
            }
        }

        private static class DirectorySync
        {
            private const int ReadOnly = 0;

            // .NET cannot open a directory as a FileStream; fsync(2) on its descriptor makes a rename or unlink durable.
            public static void Flush(string directory)
            {
                if (!OperatingSystem.IsLinux())
                {
                    return;
                }

                int fd = open(directory, ReadOnly);
                if (fd < 0)
                {
                    throw new IOException($"Cannot open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
                }

                try
                {
                    if (fsync(fd) != 0)
                    {
                        throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
                    }
                }
                finally
                {
                    _ = close(fd);
                }
            }

            [DllImport("libc", SetLastError = true)]
            private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

            [DllImport("libc", SetLastError = true)]
            private static extern int fsync(int fd);

            [DllImport("libc", SetLastError = true)]
            private static extern int close(int fd);
        }
    }
}
