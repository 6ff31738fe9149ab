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
    /// A claim is <c>INSERT … ON CONFLICT (key) DO NOTHING</c>; when the row exists and its lease ended (or it expired), a
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
        private const string Columns = "key, fingerprint, state, owner, epoch, created_at, lease_until, expires_at, payload, checksum";
        private static readonly Regex s_identifier = new("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant);

        private readonly NpgsqlDataSource _dataSource;
        private readonly bool _ownsDataSource;
        private readonly TimeProvider? _timeProvider;
        private readonly string _table;
        private readonly string _schema;
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

        /// <summary>Creates the schema, table and index if they do not exist. Safe to call from many processes at once.</summary>
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
                    key         text        PRIMARY KEY,
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

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            _migrated = true;
        }

        /// <inheritdoc/>
        public async ValueTask<ClaimResult> TryClaimAsync(string key, string fingerprint, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
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
                    await using (var insert = new NpgsqlCommand(
                        $"INSERT INTO {_table} ({Columns}) VALUES (@key, @fingerprint, @state, @owner, @epoch, @created_at, @lease_until, @expires_at, @payload, @checksum) ON CONFLICT (key) DO NOTHING",
                        connection))
                    {
                        AddRecordParameters(insert, claimed);
                        if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                        {
                            return ClaimResult.Claimed(ToClaim(claimed));
                        }
                    }

                    DurableRecord? existing = await ReadAsync(connection, key, cancellationToken).ConfigureAwait(false);
                    if (existing is null)
                    {
                        continue; // released or deleted meanwhile: insert again
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
                        WHERE key = @key AND owner = @old_owner AND epoch = @old_epoch AND state = @old_state
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
        public async ValueTask<DurableRecord> CompleteAsync(DurableClaim claim, ReadOnlyMemory<byte> payload, TimeSpan timeToLive, CancellationToken cancellationToken = default)
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
                    WHERE key = @key AND owner = @owner AND epoch = @epoch AND state = {ClaimedState} AND fingerprint = @fingerprint AND created_at = @created_at
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
        public async ValueTask<bool> ReleaseAsync(DurableClaim claim, CancellationToken cancellationToken = default)
        {
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var delete = new NpgsqlCommand(
                    $"DELETE FROM {_table} WHERE key = @key AND owner = @owner AND epoch = @epoch AND state = {ClaimedState}", connection);
                delete.Parameters.AddWithValue("key", claim.Key);
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
        public async ValueTask<bool> ExtendLeaseAsync(DurableClaim claim, TimeSpan lease, CancellationToken cancellationToken = default)
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
                    WHERE key = @key AND owner = @owner AND epoch = @epoch AND state = {ClaimedState} AND fingerprint = @fingerprint AND created_at = @created_at
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
        public async ValueTask<DurableRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
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
        public async ValueTask<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(key);
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var delete = new NpgsqlCommand($"DELETE FROM {_table} WHERE key = @key", connection);
                delete.Parameters.AddWithValue("key", key);
                return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(key, "delete", ex);
            }
        }

        /// <inheritdoc/>
        public async ValueTask<IReadOnlyList<DurableRecord>> ListAsync(string keyPrefix, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(keyPrefix);
            try
            {
                await EnsureMigratedAsync(cancellationToken).ConfigureAwait(false);
                await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using var select = new NpgsqlCommand(
                    $"SELECT {Columns} FROM {_table} WHERE starts_with(key, @prefix) AND NOT (state = {CompletedState} AND expires_at <= @now) ORDER BY key COLLATE \"C\"",
                    connection);
                select.Parameters.AddWithValue("prefix", keyPrefix);
                select.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, TimeProvider.GetUtcNow().UtcDateTime);
                var list = new List<DurableRecord>();
                await using NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(ReadRecord(reader, requestedKey: null));
                }

                return list;
            }
            catch (Exception ex) when (IsStoreFailure(ex))
            {
                throw DurableStoreExceptionFor(keyPrefix, "list", ex);
            }
        }

        /// <inheritdoc/>
        public async ValueTask<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
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
            await using var select = new NpgsqlCommand($"SELECT {Columns} FROM {_table} WHERE key = @key", connection);
            select.Parameters.AddWithValue("key", key);
            await using NpgsqlDataReader reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadRecord(reader, key) : null;
        }

        private DurableRecord ReadRecord(NpgsqlDataReader reader, string? requestedKey)
        {
            string key = reader.GetString(0);
            string location = $"row key='{key}' of table {_table}";
            DurableRecord record;
            try
            {
                short state = reader.GetInt16(2);
                if (state != ClaimedState && state != CompletedState)
                {
                    throw new FormatException($"unknown state {state}");
                }

                record = new DurableRecord(
                    key,
                    reader.GetString(1),
                    (DurableRecordState)state,
                    reader.GetString(3),
                    reader.GetInt64(4),
                    ToOffset(reader.GetDateTime(5)),
                    reader.IsDBNull(6) ? null : ToOffset(reader.GetDateTime(6)),
                    reader.IsDBNull(7) ? null : ToOffset(reader.GetDateTime(7)),
                    reader.GetFieldValue<byte[]>(8),
                    reader.GetString(9));
            }
            catch (Exception ex) when (ex is FormatException or InvalidCastException)
            {
                throw new DurableRecordCorruptedException(Name, requestedKey ?? key, location, "the row cannot be read (" + ex.Message + ")", ex);
            }

            if (!record.HasValidChecksum())
            {
                throw new DurableRecordCorruptedException(Name, requestedKey ?? key, location, "its SHA-256 checksum does not match its content");
            }

            return record;
        }

        private static void AddRecordParameters(NpgsqlCommand command, DurableRecord record)
        {
            command.Parameters.AddWithValue("key", record.Key);
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
            new(Name, key, $"Durable store '{Name}' failed to {operation} key '{key}': {ex.Message}", ex);

        private static NpgsqlDataSource CreateDataSource(PostgresStoreOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new ArgumentException("PostgresStoreOptions.ConnectionString is empty.", nameof(options));
            }

            return NpgsqlDataSource.Create(options.ConnectionString);
        }
    }
}
