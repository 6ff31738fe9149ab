using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Resilience;

namespace DatabaseMigrationAgent;

/// <summary>The sample's entry point (tests run it in-process). Exit codes: 0 done, 3 crashed (run again to resume), 64 bad arguments.</summary>
public static class MigrationDemo
{
    public const string Usage = """
        usage: DatabaseMigrationAgent [--run <id>] [--connection-string <npgsql>] [--state-dir <dir>] [--crash-after <migration id>] [--reset] [--dry-run | --rollback]
          --dry-run    print the order and what each migration would execute (applied ones are skipped); run nothing
          --rollback   undo the applied migrations in reverse dependency order (a later run applies them again)
          without a connection string the migrations run against a simulated database and the state is kept in a local file store;
          with one (or Agent:ConnectionString in appsettings.json) both the migrations and the state go to PostgreSQL.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        string runId = "migrate-2026-11";
        string? connectionString = null, stateDirectory = null, crashAfter = null;
        bool reset = false, dryRun = false, rollback = false;
        for (int i = 0; i < args.Length; i++)
        {
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (args[i])
            {
                case "--run": runId = Value() ?? runId; break;
                case "--connection-string": connectionString = Value(); break;
                case "--state-dir": stateDirectory = Value(); break;
                case "--crash-after": crashAfter = Value(); break;
                case "--reset": reset = true; break;
                case "--dry-run": dryRun = true; break;
                case "--rollback": rollback = true; break;
                default: output.WriteLine(Usage); return 64;
            }
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = Array.Empty<string>(), ContentRootPath = AppContext.BaseDirectory });
        connectionString ??= builder.Configuration["Agent:ConnectionString"] is { Length: > 0 } configured ? configured : null;
        builder.Services.AddResilience(builder.Configuration);

        IMigrationDatabase database;
        if (connectionString is not null)
        {
            builder.Services.AddPostgresResilienceStores(connectionString);
            database = new PostgresDatabase(connectionString);
        }
        else
        {
            stateDirectory = Path.GetFullPath(stateDirectory ?? builder.Configuration["Agent:StateDirectory"] ?? ".migration-state");
            if (reset && Directory.Exists(stateDirectory))
            {
                Directory.Delete(stateDirectory, recursive: true);
            }

            builder.Services.AddFileResilienceStores(stateDirectory);
            database = new SimulatedDatabase(output);
            output.WriteLine($"state: {stateDirectory}");
        }

        using IHost host = builder.Build();
        host.Services.UseResilience();
        CircuitBreakerRegistry.Default.ResetAll();

        var agent = new MigrationAgent(database, new UnreachableMonitoring(), output, crashAfter);
        if (dryRun)
        {
            await agent.DryRunAsync(MigrationPlan.All, cancellationToken);
            return 0;
        }

        if (rollback)
        {
            await agent.RollbackAsync(MigrationPlan.All, cancellationToken);
            return 0;
        }

        try
        {
            await agent.RunAsync(runId, MigrationPlan.All, cancellationToken);
            return 0;
        }
        catch (InvalidOperationException crash) when (crash.Message.StartsWith("simulated crash", StringComparison.Ordinal))
        {
            output.WriteLine($"\n💥 CRASH: {crash.Message}. Run the same command without --crash-after to resume.");
            return 3;
        }
    }
}
