namespace Resilience.Generator.Tests;

/// <summary>Tests that set the process-wide <see cref="ResilienceRuntime.TimeProvider"/> (or measure allocations) run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RuntimeClock
{
    public const string Name = "ResilienceRuntime clock";
}

/// <summary>Installs a <see cref="Testing.FakeTimeProvider"/> as the runtime clock for one test and restores the system clock after it.</summary>
[Collection(RuntimeClock.Name)]
public abstract class FakeClockTest : IDisposable
{
    protected FakeClockTest(bool autoAdvance = true)
    {
        Time = new Testing.FakeTimeProvider { AutoAdvance = autoAdvance };
        ResilienceRuntime.TimeProvider = Time;
    }

    protected Testing.FakeTimeProvider Time { get; }

    public void Dispose()
    {
        ResilienceRuntime.TimeProvider = TimeProvider.System;
        GC.SuppressFinalize(this);
    }
}
