namespace Resilience.Runtime.Tests;

/// <summary>
/// The pool of cancellation sources behind <see cref="TimeoutLease"/> on the system clock is process-wide: the tests that
/// drain it, count on reusing the next source given back, or assert that a pooled lease allocates nothing join this
/// collection, which runs on its own, after the parallel tests. Tests that fake time do not need it: each installs its clock
/// for its own flow with <see cref="ResilienceRuntime.UseTimeProvider"/> and runs in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CancellationSourcePoolCollection
{
    /// <summary>The collection's name, for <c>[Collection(CancellationSourcePoolCollection.Name)]</c>.</summary>
    public const string Name = "CancellationTokenSourcePool";
}
