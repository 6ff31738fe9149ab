namespace Resilience.Runtime.Tests;

/// <summary>
/// <see cref="ResilienceRuntime.TimeProvider"/> is process-wide state. Every test class that replaces it (or that relies on
/// it being <see cref="TimeProvider.System"/>, such as the pooling and allocation tests) joins this collection, which runs
/// on its own, never in parallel with any other test, and restores <see cref="TimeProvider.System"/> in its Dispose.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimeProviderCollection
{
    /// <summary>The collection's name, for <c>[Collection(TimeProviderCollection.Name)]</c>.</summary>
    public const string Name = "ResilienceRuntime.TimeProvider";
}
