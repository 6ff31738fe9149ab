using System;
using System.Data.Common;
using Npgsql;

namespace Resilience
{
    /// <summary>Connection settings of the PostgreSQL store (<see cref="PostgresDurableStore"/>).</summary>
    /// <remarks>
    /// The pool and timeout settings apply on top of <see cref="ConnectionString"/>: a value set here wins; a value left
    /// <see langword="null"/> keeps the connection string's, or the store's safe default when the connection string sets none
    /// (which is smaller than Npgsql's own: a pool of 100 connections per process quickly exceeds a server's
    /// <c>max_connections</c> once several processes share it). A store built on an existing <see cref="NpgsqlDataSource"/>
    /// uses that data source's settings unchanged.
    /// </remarks>
    public sealed class PostgresStoreOptions
    {
        /// <summary>The default of <see cref="MaxPoolSize"/>: 20 connections per process.</summary>
        public const int DefaultMaxPoolSize = 20;

        /// <summary>The default of <see cref="ConnectTimeoutSeconds"/>: 15 s (also the longest wait for a free pooled connection when many callers share a small pool).</summary>
        public const int DefaultConnectTimeoutSeconds = 15;

        /// <summary>The default of <see cref="CommandTimeoutSeconds"/>: 30 s.</summary>
        public const int DefaultCommandTimeoutSeconds = 30;

        /// <summary>The Npgsql connection string.</summary>
        public string ConnectionString { get; set; } = string.Empty;

        /// <summary>The schema that holds the store's table (default <c>resilience</c>).</summary>
        public string Schema { get; set; } = "resilience";

        /// <summary>
        /// The most connections this process opens (Npgsql <c>Maximum Pool Size</c>; default <see cref="DefaultMaxPoolSize"/>).
        /// Callers beyond it wait for a free connection up to <see cref="ConnectTimeoutSeconds"/>. Keep the sum over all
        /// processes below the server's <c>max_connections</c>.
        /// </summary>
        public int? MaxPoolSize { get; set; }

        /// <summary>How long opening a connection (or waiting for a pooled one) may take, in seconds (Npgsql <c>Timeout</c>; default <see cref="DefaultConnectTimeoutSeconds"/>).</summary>
        public int? ConnectTimeoutSeconds { get; set; }

        /// <summary>How long one SQL command may take, in seconds (Npgsql <c>Command Timeout</c>; default <see cref="DefaultCommandTimeoutSeconds"/>).</summary>
        public int? CommandTimeoutSeconds { get; set; }

        /// <summary>The connection string with the pool and timeout settings applied.</summary>
        /// <exception cref="ArgumentOutOfRangeException">A setting is not positive.</exception>
        public string BuildConnectionString()
        {
            var given = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            builder.MaxPoolSize = Pick(MaxPoolSize, nameof(MaxPoolSize), given, DefaultMaxPoolSize, builder.MaxPoolSize, "Maximum Pool Size", "MaxPoolSize", "Max Pool Size");
            builder.Timeout = Pick(ConnectTimeoutSeconds, nameof(ConnectTimeoutSeconds), given, DefaultConnectTimeoutSeconds, builder.Timeout, "Timeout", "Connect Timeout", "Connection Timeout");
            builder.CommandTimeout = Pick(CommandTimeoutSeconds, nameof(CommandTimeoutSeconds), given, DefaultCommandTimeoutSeconds, builder.CommandTimeout, "Command Timeout", "CommandTimeout");
            if (builder.MinPoolSize > builder.MaxPoolSize)
            {
                builder.MinPoolSize = builder.MaxPoolSize;
            }

            return builder.ConnectionString;
        }

        private static int Pick(int? value, string name, DbConnectionStringBuilder given, int fallback, int fromConnectionString, params string[] keys)
        {
            if (value is { } set)
            {
                return set > 0 ? set : throw new ArgumentOutOfRangeException(name, set, $"PostgresStoreOptions.{name} must be 1 or more.");
            }

            foreach (string key in keys)
            {
                if (given.ContainsKey(key))
                {
                    return fromConnectionString;
                }
            }

            return fallback;
        }
    }
}
