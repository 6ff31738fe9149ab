using Microsoft.Extensions.Logging.Abstractions;
using Resilience.Testing;

namespace Resilience.Runtime.Tests.Configuration;

/// <summary>
/// Tests that touch process-wide state (ResilienceRuntime.TimeProvider, the kind switches, the bound configuration, the
/// logger factory, meter listeners) run one at a time, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalStateCollection
{
    public const string Name = "Resilience runtime global state (breaker/bulkhead/configuration/telemetry)";
}

[Collection(GlobalStateCollection.Name)]
public abstract class GlobalStateTest : IDisposable
{
    protected GlobalStateTest()
    {
        ResetGlobals();
        ResilienceRuntime.TimeProvider = Time;
    }

    /// <summary>The clock of this test, installed as ResilienceRuntime.TimeProvider.</summary>
    protected FakeClock Time { get; } = new();

    public virtual void Dispose()
    {
        ResetGlobals();
        GC.SuppressFinalize(this);
    }

    /// <summary>A name no other test uses, since breakers and bulkheads are shared process-wide by name.</summary>
    protected static string UniqueName(string prefix) => $"{prefix}.{Guid.NewGuid():N}";

    private static void ResetGlobals()
    {
        ResilienceConfiguration.Clear();
        foreach (PolicyKind kind in Enum.GetValues<PolicyKind>())
        {
            ResilienceRuntime.SetEnabled(kind, true);
        }

        ResilienceRuntime.LoggerFactory = NullLoggerFactory.Instance;
        ResilienceRuntime.TimeProvider = TimeProvider.System;
    }
}
