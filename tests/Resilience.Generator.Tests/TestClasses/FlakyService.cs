namespace Resilience.Generator.Tests.TestClasses;

/// <summary>A dependency that fails a scripted number of times, then answers.</summary>
public sealed class FlakyService
{
    private readonly Queue<Exception> _failures = new();

    public int Calls { get; private set; }

    public FlakyService FailWith(params Exception[] failures)
    {
        foreach (Exception failure in failures) _failures.Enqueue(failure);
        return this;
    }

    public int Call()
    {
        Calls++;
        if (_failures.TryDequeue(out Exception? failure)) Throw(failure);
        return Calls;
    }

    // A real throw site, so stack traces can be checked.
    private static void Throw(Exception failure) => throw failure;
}

public sealed class TransientException(string message) : Exception(message);

public sealed class PermanentException(string message) : Exception(message);
