using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using NpgsqlTypes;

namespace Resilience
{
    /// <summary>
    /// An <see cref="IDurableStore"/> in PostgreSQL, for many processes on many machines: one row per key in
    /// <c>&lt;schema&gt;.durable_records</c>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A claim is <c>INSERT … ON CONFLICT (key) DO NOTHING</c> that returns the existing row in the same statement (a replay
    /// is one round trip); when the row exists and its lease ended (or it expired), a
    /// conditional <c>UPDATE … WHERE owner = @old_owner AND epoch = @old_epoch</c> takes it over with the next epoch, so of
    /// two racing claimers exactly one wins. Completion, release and lease extension are fenced the same way
    /// (<c>WHERE owner = @owner AND epoch = @epoch AND state = claimed</c>).
    /// </para>
    /// <para>
    /// Lease and expiry times come from <see cref="TimeProvider"/> of the calling process, so the machines' clocks must
    /// agree to well within a lease. Every row carries the SHA-256 checksum of its content, verified on every read; a
    /// mismatch throws <see cref="DurableRecordCorruptedException"/> naming the table row.
    /// </para>
    /// <para>
    /// The schema and table are created on first use, or ahead of time by <see cref="MigrateAsync"/> (idempotent, serialized
    /// between processes with an advisory lock).
    /// </para>
    /// </remarks>
    public sealed class PostgresDurableStore : IDurableStore, IAsyncDisposable, IDisposable
    {
        private const short ClaimedState = 0;
        private const short CompletedState = 1;
        private const string Columns = "key, fingerprint, state, owner, epoch, created_at, lease_until, expires_at, payload, checksum, key_exact";
        private static readonly Regex s_identifier = new("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant);

        private readonly NpgsqlDataSource _dataSource;
        private readonly bool _ownsDataSource;
        private readonly TimeProvider? _timeProvider;
        private readonly string _table;
        private readonly string _schema;
        private readonly string _claimOrReadSql;
        private readonly SemaphoreSlim _migrationGate = new(1, 1);
        private volatile bool _migrated;

        /// <summary>Creates a store from <paramref name="options"/> (nothing is contacted until the first operation).</summary>
        /// <param name="options">The connection string and schema.</param>
        /// <param name="timeProvider">The clock; <see langword="null"/> uses <see cref="ResilienceRuntime.TimeProvider"/> at each operation.</param>
        public PostgresDurableStore(PostgresStoreOptions options, TimeProvider? timeProvider = null)
            : this(CreateDataSource(options), options.Schema, timeProvider, ownsDataSource: true)
        {
        }

        /// <summary>Creates a store on an existing data source (which the caller keeps owning).</summary>
        /// <param name="dataSource">The Npgsql data source.</param>
        /// <param name="schema">The schema of the table (default <c>resilience</c>).</param>
        /// <param name="timeProvider">The clock; <see langword="null"/> uses <see cref="ResilienceRuntime.TimeProvider"/> at each operation.</param>
        public PostgresDurableStore(NpgsqlDataSource dataSource, string schema = "resilience", TimeProvider? timeProvider = null)
            : this(dataSource, schema, timeProvider, ownsDataSource: false)
        {
        }

        private PostgresDurableStore(NpgsqlDataSource dataSource, string schema, TimeProvider? timeProvider, bool ownsDataSource)
        {
            _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
            if (schema is null || !s_identifier.IsMatch(schema))
            {
                throw new ArgumentException($"Schema '{schema}' is not a plain SQL identifier (letters, digits, underscores).", nameof(schema));
            }

            _schema = schema;
            _table = "\"" + schema + "\".durable_records";

            // Claim and replay in one round trip: the insert claims a free key; when the key is taken, the same statement
            // returns the existing row (column 0 says which). A row committed after the statement's snapshot conflicts but
            // is not returned; the caller then simply tries again.
            _claimOrReadSql = $"""
                WITH inserted AS (
                    INSERT INTO {_table} (key_hash, {Columns})
                    VALUES (@key_hash, @key, @fingerprint, @state, @owner, @epoch, @created_at, @lease_until, @expires_at, @payload, @checksum, @key_exact)
                    ON CONFLICT (key_hash) DO NOTHING
                    RETURNING 1)
                SELECT EXISTS (SELECT 1 FROM inserted), {Columns}
                FROM (VALUES (1)) AS probe (one)
                LEFT JOIN {_table} ON key_hash = @key_hash AND NOT EXISTS (SELECT 1 FROM inserted)
                """;
            _ownsDataSource = ownsDataSource;
            _timeProvider = timeProvider;
            var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            Name = $"postgres:{builder.Host}:{builder.Port}/{builder.Database}/{schema}.durable_records";
        }

        /// <inheritdoc/>
        public string Name { get; }

        /// <inheritdoc/>
        public TimeProvider TimeProvider => _timeProvider ?? ResilienceRuntime.TimeProvider;

        /// <summary>The schema-qualified table name.</summary>
        public string TableName => _table;

        /// <summary>
        /// Creates the schema, table and index if they do not exist, and upgrades a table of the first layout (primary key on
        /// the key text) to the current one (primary key on the key's SHA-256, the readable key beside it) in place. Safe to
        /// call from many processes at once.
        /// </summary>
        public async Task MigrateAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await MigrateCoreAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(string.Empty, "create the schema for", ex);
            }
        }

        private async Task MigrateCoreAsync(CancellationToken cancellationToken)
        {
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand(
                $"""
                SELECT pg_advisory_xact_lock(hashtext('resilience.migrate.' || @schema));
                CREATE SCHEMA IF NOT EXISTS "{_schema}";
                CREATE TABLE IF NOT EXISTS {_table} (
                    key_hash    bytea       PRIMARY KEY,
                    key         text        NOT NULL,
                    key_exact   bytea       NULL,
                    fingerprint text        NOT NULL,
                    state       smallint    NOT NULL,
                    owner       text        NOT NULL,
                    epoch       bigint      NOT NULL,
                    created_at  timestamptz NOT NULL,
                    lease_until timestamptz NULL,
                    expires_at  timestamptz NULL,
                    payload     bytea       NOT NULL,
                    checksum    text        NOT NULL
                );
                CREATE INDEX IF NOT EXISTS durable_records_expires_at ON {_table} (expires_at) WHERE expires_at IS NOT NULL;
                """,
                connection,
                transaction))
            {
                command.Parameters.AddWithValue("schema", _schema);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // Layout 1 (key text PRIMARY KEY) → layout 2 (key_hash bytea PRIMARY KEY, the readable key beside it). Layout 1
            // could only hold well-formed keys without U+0000, whose hash is SHA-256 of their UTF-8 bytes (DurableKeys.Hash).
            string? primaryKeyOnText = null;
            await using (var probe = new NpgsqlCommand(
                """
                SELECT c.conname FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.conrelid = @table::regclass AND c.contype = 'p' AND a.attname = 'key'
                """,
                connection,
                transaction))
            {
                probe.Parameters.AddWithValue("table", _table);
                primaryKeyOnText = await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            }

            if (primaryKeyOnText is not null)
            {
                await using var upgrade = new NpgsqlCommand(
                    $"""
                    ALTER TABLE {_table} ADD COLUMN IF NOT EXISTS key_hash bytea, ADD COLUMN IF NOT EXISTS key_exact bytea;
                    UPDATE {_table} SET key_hash = sha256(convert_to(key, 'UTF8')) WHERE key_hash IS NULL;
                    ALTER TABLE {_table} DROP CONSTRAINT "{primaryKeyOnText.Replace("\"", "\"\"", StringComparison.Ordinal)}";
                    ALTER TABLE {_table} ALTER COLUMN key_hash SET NOT NULL, ADD PRIMARY KEY (key_hash);
                    """,
                    connection,
                    transaction);
                await upgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }

        /// <inheritdoc/>
        public ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default) =>
            Abandonable(TryClaimCoreAsync(key, fingerprint, owner, lease, cancellationToken), cancellationToken);

        private async Task<ClaimResult> TryClaimCoreAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(fingerprint);
            ArgumentNullException.ThrowIfNull(owner);
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    DateTimeOffset now = TimeProvider.GetUtcNow();
                    var claimed = new DurableRecord(key, fingerprint, DurableRecordState.Claimed, owner, 1, now, now + lease, null, ReadOnlyMemory<byte>.Empty);
                    DurableRecord? existing;
                    await using (var claim = new NpgsqlCommand(_claimOrReadSql, connection))
                    {
                        AddRecordParameters(claim, claimed);
                        await using NpgsqlDataReader reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                        if (reader.GetBoolean(0))
                        {
                            return ClaimResult.Claimed(ToClaim(claimed));
                        }

                        existing = reader.IsDBNull(1) ? null : ReadRecord(reader, key, firstColumn: 1);
                    }

                    if (existing is null)
                    {
                        continue; // released or deleted meanwhile, or committed after this statement's snapshot: insert again
                    }

                    if (existing.Evaluate(fingerprint, now) is { } result)
                    {
                        return result;
                    }

                    var takeover = new DurableRecord(key, fingerprint, DurableRecordState.Claimed, owner, existing.Epoch + 1, now, now + lease, null, ReadOnlyMemory<byte>.Empty);
                    await using (var update = new NpgsqlCommand(
                        $"""
                        UPDATE {_table} SET fingerprint = @fingerprint, state = @state, owner = @owner, epoch = @epoch, created_at = @created_at,
                            lease_until = @lease_until, expires_at = @expires_at, payload = @payload, checksum = @checksum
                        WHERE key_hash = @key_hash AND owner = @old_owner AND epoch = @old_epoch AND state = @old_state
                        """,
                        connection))
                    {
                        AddRecordParameters(update, takeover);
                        update.Parameters.AddWithValue("old_owner", existing.Owner);
                        update.Parameters.AddWithValue("old_epoch", existing.Epoch);
                        update.Parameters.AddWithValue("old_state", (short)existing.State);
                        if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                        {
                            return ClaimResult.Claimed(ToClaim(takeover));
                        }
                    }

                    // Another claimer changed the row first: look again.
                }
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(key, "claim", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default) =>
            Abandonable(CompleteCoreAsync(claim, payload, timeToLive, cancellationToken), cancellationToken);

        private async Task<DurableRecord> CompleteCoreAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken)
        {
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var completed = new DurableRecord(
                    claim.Key, claim.Fingerprint, DurableRecordState.Completed, claim.Owner, claim.Epoch,
                    claim.ClaimedAt, null, TimeProvider.GetUtcNow() + timeToLive, payload.ToArray());
                await using (var update = new NpgsqlCommand(
                    $"""
                    UPDATE {_table} SET state = @state, lease_until = @lease_until, expires_at = @expires_at, payload = @payload, checksum = @checksum
                    WHERE key_hash = @key_hash AND owner = @owner AND epoch = @epoch AND state = {ClaimedState} AND fingerprint = @fingerprint AND created_at = @created_at
                    """,
                    connection))
                {
                    AddRecordParameters(update, completed);
                    if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                    {
                        return completed;
                    }
                }

                throw new ClaimLostException(Name, claim, await ReadAsync(connection, claim.Key, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(claim.Key, "complete", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default) =>
            Abandonable(ReleaseCoreAsync(claim, cancellationToken), cancellationToken);

        private async Task<bool> ReleaseCoreAsync(DurableClaim claim, CancellationToken cancellationToken)
        {
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var delete = new NpgsqlCommand(
                    $"DELETE FROM {_table} WHERE key_hash = @key_hash AND owner = @owner AND epoch = @epoch AND state = {ClaimedState}", connection);
                delete.Parameters.AddWithValue("key_hash", DurableKeys.Hash(claim.Key));
                delete.Parameters.AddWithValue("owner", claim.Owner);
                delete.Parameters.AddWithValue("epoch", claim.Epoch);
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(claim.Key, "release", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default) =>
            Abandonable(ExtendLeaseCoreAsync(claim, lease, cancellationToken), cancellationToken);

        private async Task<bool> ExtendLeaseCoreAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken)
        {
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var extended = new DurableRecord(
                    claim.Key, claim.Fingerprint, DurableRecordState.Claimed, claim.Owner, claim.Epoch,
                    claim.ClaimedAt, TimeProvider.GetUtcNow() + lease, null, ReadOnlyMemory<byte>.Empty);
                await using var update = new NpgsqlCommand(
                    $"""
                    UPDATE {_table} SET lease_until = @lease_until, checksum = @checksum
                    WHERE key_hash = @key_hash AND owner = @owner AND epoch = @epoch AND state = {ClaimedState} AND fingerprint = @fingerprint AND created_at = @created_at
                    """,
                    connection);
                AddRecordParameters(update, extended);
                return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(claim.Key, "extend the lease of", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default) =>
            Abandonable(GetCoreAsync(key, cancellationToken), cancellationToken);

        private async Task<DurableRecord?> GetCoreAsync(string key, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(key);
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                DurableRecord? record = await ReadAsync(connection, key, cancellationToken).ConfigureAwait(false);
                return record is not null && !(record.State == DurableRecordState.Completed && record.IsExpired(TimeProvider.GetUtcNow())) ? record : null;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(key, "read", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default) =>
            Abandonable(DeleteCoreAsync(key, cancellationToken), cancellationToken);

        private async Task<bool> DeleteCoreAsync(string key, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(key);
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var delete = new NpgsqlCommand($"DELETE FROM {_table} WHERE key_hash = @key_hash", connection);
                delete.Parameters.AddWithValue("key_hash", DurableKeys.Hash(key));
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(key, "delete", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default) =>
            Abandonable(ListCoreAsync(keyPrefix, cancellationToken), cancellationToken);

        private async Task<IReadOnlyList<DurableRecord>> ListCoreAsync(string keyPrefix, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(keyPrefix);
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var select = new NpgsqlCommand(
                    $"SELECT {Columns} FROM {_table} WHERE starts_with(key, @prefix) AND NOT (state = {CompletedState} AND expires_at <= @now)",
                    connection);
                select.Parameters.AddWithValue("prefix", DurableKeys.Readable(keyPrefix));
                select.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, TimeProvider.GetUtcNow().UtcDateTime);
                var list = new List<DurableRecord>();
                await using NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    // The readable column matches a prefix loosely (U+FFFD stands for several code units): filter exactly.
                    DurableRecord record = ReadRecord(reader, requestedKey: null);
                    if (record.Key.StartsWith(keyPrefix, StringComparison.Ordinal))
                    {
                        list.Add(record);
                    }
                }

                list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                return list;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(keyPrefix, "list", ex);
            }
        }

        /// <inheritdoc/>
        public ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default) =>
            Abandonable(PurgeExpiredCoreAsync(cancellationToken), cancellationToken);

        private async Task<int> PurgeExpiredCoreAsync(CancellationToken cancellationToken)
        {
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var delete = new NpgsqlCommand(
                    $"DELETE FROM {_table} WHERE (state = {CompletedState} AND expires_at <= @now) OR (state = {ClaimedState} AND lease_until <= @now)",
                    connection);
                delete.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, TimeProvider.GetUtcNow().UtcDateTime);
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(string.Empty, "purge expired records of", ex);
            }
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (_ownsDataSource)
            {
                _dataSource.Dispose();
            }
        }

        /// <inheritdoc/>
        public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : default;

        // Npgsql honours a token only between network round trips, and a stalled server can hold a call for the command
        // and cancellation timeouts: the caller's token ends the wait at once. The abandoned operation finishes (or fails)
        // on its own, fenced like any late write; its failure is observed here.
        private static ValueTask<T> Abandonable<T>(Task<T> operation, CancellationToken cancellationToken)
        {
            if (operation.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                return new ValueTask<T>(operation);
            }

            return new ValueTask<T>(WaitAsync(operation, cancellationToken));

            static async Task<T> WaitAsync(Task<T> operation, CancellationToken cancellationToken)
            {
                try
                {
                    return await operation.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!operation.IsCompleted)
                {
                    _ = operation.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw;
                }
            }
        }

        private async ValueTask EnsureMigratedAsync(CancellationToken cancellationToken)
        {
            if (_migrated)
            {
                return;
            }

            await _migrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!_migrated)
                {
                    // Failures surface through the calling operation, which names its key.
                    await MigrateCoreAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _migrationGate.Release();
            }
        }

        private async Task<DurableRecord?> ReadAsync(NpgsqlConnection connection, string key, CancellationToken cancellationToken)
        {
            await using var select = new NpgsqlCommand($"SELECT {Columns} FROM {_table} WHERE key_hash = @key_hash", connection);
            select.Parameters.AddWithValue("key_hash", DurableKeys.Hash(key));
            await using NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader, key) : null;
        }

        private DurableRecord ReadRecord(NpgsqlDataReader reader, string? requestedKey, int firstColumn = 0)
        {
            string key = reader.IsDBNull(firstColumn + 10) ? reader.GetString(firstColumn) : DurableKeys.FromUtf16Bytes(reader.GetFieldValue<byte[]>(firstColumn + 10));
            string location = $"row key='{DurableKeys.Shorten(reader.GetString(firstColumn))}' of table {_table}";
            DurableRecord record;
            try
            {
                short state = reader.GetInt16(firstColumn + 2);
                if (state != ClaimedState && state != CompletedState)
                {
                    throw new FormatException($"unknown state {state}");
                }

                record = new DurableRecord(
                    key,
                    reader.GetString(firstColumn + 1),
                    (DurableRecordState)state,
                    reader.GetString(firstColumn + 3),
                    reader.GetInt64(firstColumn + 4),
                    ToOffset(reader.GetDateTime(firstColumn + 5)),
                    reader.IsDBNull(firstColumn + 6) ? null : ToOffset(reader.GetDateTime(firstColumn + 6)),
                    reader.IsDBNull(firstColumn + 7) ? null : ToOffset(reader.GetDateTime(firstColumn + 7)),
                    reader.GetFieldValue<byte[]>(firstColumn + 8),
                    reader.GetString(firstColumn + 9));
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException)
            {
                throw new DurableRecordCorruptedException(Name, requestedKey ?? key, location, "the row cannot be read (" + ex.Message + ")", ex);
            }

            if (!record.HasValidChecksum())
            {
                throw new DurableRecordCorruptedException(Name, requestedKey ?? key, location, "its SHA-256 checksum does not match its content");
            }

            if (requestedKey is not null && !string.Equals(requestedKey, key, StringComparison.Ordinal))
            {
                throw new DurableRecordCorruptedException(Name, requestedKey, location, "the row's key hash belongs to another key");
            }

            return record;
        }

        private static void AddRecordParameters(NpgsqlCommand command, DurableRecord record)
        {
            string readable = DurableKeys.Readable(record.Key);
            command.Parameters.AddWithValue("key_hash", DurableKeys.Hash(record.Key));
            command.Parameters.AddWithValue("key", readable);
            command.Parameters.AddWithValue("key_exact", NpgsqlDbType.Bytea, ReferenceEquals(readable, record.Key) ? DBNull.Value : DurableKeys.Utf16Bytes(record.Key));
            command.Parameters.AddWithValue("fingerprint", record.Fingerprint);
            command.Parameters.AddWithValue("state", (short)record.State);
            command.Parameters.AddWithValue("owner", record.Owner);
            command.Parameters.AddWithValue("epoch", record.Epoch);
            command.Parameters.AddWithValue("created_at", NpgsqlDbType.TimestampTz, record.CreatedAt.UtcDateTime);
            command.Parameters.AddWithValue("lease_until", NpgsqlDbType.TimestampTz, record.LeaseUntil is { } lease ? lease.UtcDateTime : DBNull.Value);
            command.Parameters.AddWithValue("expires_at", NpgsqlDbType.TimestampTz, record.ExpiresAt is { } expires ? expires.UtcDateTime : DBNull.Value);
            command.Parameters.AddWithValue("payload", NpgsqlDbType.Bytea, record.Payload.ToArray());
            command.Parameters.AddWithValue("checksum", record.Checksum);
        }

        private static DateTimeOffset ToOffset(DateTime value) =>
            new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);

        private static DurableClaim ToClaim(DurableRecord record) =>
            new(record.Key, record.Fingerprint, record.Owner, record.Epoch, record.CreatedAt, record.LeaseUntil ?? record.CreatedAt);

        private static bool IsStoreFailure(Exception ex) =>
            ex is not ResilienceException && ex is not OperationCanceledException && ex is not ArgumentException;

        private DurableStoreException DurableStoreExceptionFor(string key, string operation, Exception ex) =>
            new(Name, key, $"Durable store '{Name}' failed to {operation} key '{DurableKeys.Shorten(key)}': {ex.Message}", ex);

        private static NpgsqlDataSource CreateDataSource(PostgresStoreOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new ArgumentException("PostgresStoreOptions.ConnectionString is empty.", nameof(options));
            }

            return NpgsqlDataSource.Create(options.BuildConnectionString());
        }
    }
}
