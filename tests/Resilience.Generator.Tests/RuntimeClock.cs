namespace Resilience.Generator.Tests;

/// <summary>
/// Installs a <see cref="Testing.FakeClock"/> as the runtime clock of one test's flow
/// (<see cref="ResilienceRuntime.UseTimeProvider"/>) and removes it after the test, so that these tests run in parallel.
/// </summary>
public abstract class FakeClockTest : IDisposable
{
    private readonly IDisposable _clock;

    protected FakeClockTest(bool autoAdvance = true)
    {
        Time = new Testing.FakeClock { AutoAdvance = autoAdvance };
        _clock = ResilienceRuntime.UseTimeProvider(Time);
    }

    protected Testing.FakeClock Time { get; }

    public void Dispose()
    {
        _clock.Dispose();
        GC.SuppressFinalize(this);
    }
}
