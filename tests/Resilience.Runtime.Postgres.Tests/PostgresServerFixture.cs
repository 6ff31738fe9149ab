using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Resilience.Runtime.Postgres.Tests;

/// <summary>
/// A PostgreSQL server for the tests: <c>RESILIENCE_TEST_POSTGRES</c> (a connection string) when set, otherwise a private
/// server started from /usr/lib/postgresql/15/bin on a temporary directory and a free loopback port (as the
/// <c>postgres</c> user when running as root), stopped afterwards. Never skipped: when it cannot start, every test fails.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private string? _root;
    private string? _startOptions;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        string? external = Environment.GetEnvironmentVariable("RESILIENCE_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
        }
        else
        {
            StartPrivateServer();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
    }

    public Task DisposeAsync()
    {
        if (_root is not null)
        {
            Run(Path.Combine(BinDirectory, "pg_ctl"), $"-D {_root}/data -m immediate -w stop", throwOnError: false);
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <summary>Whether this fixture runs its own server (which <see cref="Crash"/> and <see cref="Restart"/> need).</summary>
    public bool OwnsServer => _startOptions is not null;

    /// <summary>
    /// Crashes the private server: an immediate shutdown (SIGQUIT to the postmaster and every backend, no checkpoint), so
    /// the restart runs crash recovery like after kill -9; open connections break mid-call.
    /// </summary>
    public void Crash() => Run(Path.Combine(BinDirectory, "pg_ctl"), $"-D {_root}/data -m immediate -w stop");

    /// <summary>Starts the private server again on the same port and data directory.</summary>
    public void Restart() => Run(Path.Combine(BinDirectory, "pg_ctl"), _startOptions ?? throw new InvalidOperationException("The server is external."));

    private void StartPrivateServer()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed at {BinDirectory} and RESILIENCE_TEST_POSTGRES is not set; install postgresql-15 (apt-get install postgresql-15) or point the variable at a server.");
        }

        _root = Path.Combine(Path.GetTempPath(), "resilience-pg-" + Guid.NewGuid().ToString("N").Substring(0, 12));
        Directory.CreateDirectory(_root);
        if (Environment.UserName == "root")
        {
            Run("chown", $"postgres:postgres {_root}");
        }

        int port = FreePort();
        Run(Path.Combine(BinDirectory, "initdb"), $"-D {_root}/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8");
        _startOptions = $"-D {_root}/data -l {_root}/server.log -w -t 60 -o \"-p {port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start";
        Run(Path.Combine(BinDirectory, "pg_ctl"), _startOptions);
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, string arguments, bool throwOnError = true)
    {
        var info = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Environment.UserName == "root" && file != "chown")
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add("postgres");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add("sh");
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(file + " " + arguments);
        }
        else
        {
            info.FileName = "sh";
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(file + " " + arguments);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{file} {arguments}' did not finish within 120 s.");
        }

        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {arguments}' failed with exit code {process.ExitCode}: {stdout.Result} {stderr.Result}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
