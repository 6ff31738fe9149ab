namespace Resilience.Generator.Tests.TestClasses;

public partial class FallbackAgent(FlakyService primary)
{
    public List<string> Log { get; } = new();

    public Exception? SeenFailure { get; private set; }

    public bool SecondFails { get; set; }

    [Fallback(nameof(FromCache))]
    public partial string Fetch(string key);
    private string FetchCore(string key) { primary.Call(); return "live:" + key; }
    private string FromCache(string key, Exception failure) { SeenFailure = failure; return "cached:" + key; }

    [Fallback(nameof(First), HandleOn = new[] { typeof(TransientException) })]
    public partial string Filtered(string key);
    private string FilteredCore(string key) { primary.Call(); return "live"; }
    private string First(string key) => "first";

    [Fallback(nameof(First), SkipOn = new[] { typeof(PermanentException) })]
    public partial string Skipping(string key);
    private string SkippingCore(string key) { primary.Call(); return "live"; }

    [Fallback(nameof(Third), Order = 2)]
    [Fallback(nameof(Second), Order = 1)]
    public partial Task<string> ChainAsync(CancellationToken cancellationToken);
    private Task<string> ChainAsyncCore(CancellationToken cancellationToken) { Log.Add("core"); primary.Call(); return Task.FromResult("core"); }
    private async ValueTask<string> Second(CancellationToken cancellationToken, Exception failure)
    {
        Log.Add("second:" + failure.Message);
        await Task.Yield();
        if (SecondFails) throw new TransientException("second failed");
        return "second";
    }
    private string Third(CancellationToken cancellationToken, Exception failure)
    {
        Log.Add("third:" + failure.Message);
        throw new PermanentException("third failed");
    }

    [Fallback(nameof(Quietly))]
    public partial Task NotifyAsync(CancellationToken cancellationToken);
    private Task NotifyAsyncCore(CancellationToken cancellationToken)
    {
        primary.Call();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }
    private void Quietly(CancellationToken cancellationToken) => Log.Add("quiet");

    [Retry(MaxRetries = 2, BaseDelayMs = 0)]
    [Fallback(nameof(Default))]
    public partial void Run();
    private void RunCore() => primary.Call();
    private void Default() => Log.Add("default");
}
