using System.Net;

namespace Resilience.Generator.Tests.TestClasses;

/// <summary>A status-code reply: what a result predicate inspects.</summary>
public sealed record Reply(int Status, TimeSpan? ServerDelay = null)
{
    public bool IsBusy => Status == 503;
}

/// <summary>A dependency that answers a scripted sequence of replies (or throws the scripted exceptions).</summary>
public sealed class ScriptedReplies
{
    private readonly Queue<object> _script = new();

    public int Calls { get; private set; }

    public ScriptedReplies Then(params object[] steps)
    {
        foreach (object step in steps) _script.Enqueue(step);
        return this;
    }

    public Reply Next()
    {
        Calls++;
        object step = _script.Count > 0 ? _script.Dequeue() : new Reply(200);
        return step is Exception failure ? throw failure : (Reply)step;
    }
}

/// <summary>Methods using the outcome options: results as failures, Retry-After, callbacks, overall timeout.</summary>
public partial class OutcomeAgent(ScriptedReplies replies)
{
    public ScriptedReplies Replies => replies;

    public List<string> Log { get; } = new();

    public static List<CircuitBreakerStateChangedEventArgs> BreakerChanges { get; } = new();

    [Retry(MaxRetries = 3, BaseDelayMs = 100, Jitter = Jitter.None, RetryOnResult = nameof(IsBusy), OnRetry = nameof(LogRetry))]
    public partial Reply Get();
    private Reply GetCore() => replies.Next();

    [Retry(MaxRetries = 3, BaseDelayMs = 100, Jitter = Jitter.None, RetryOnResult = nameof(IsBusy), RetryAfter = nameof(ServerDelay))]
    public partial ValueTask<Reply> GetAsync(CancellationToken ct);
    private ValueTask<Reply> GetAsyncCore(CancellationToken ct) => new(replies.Next());

    [Retry(MaxRetries = 2, BaseDelayMs = 100, Jitter = Jitter.None, RetryOnResult = nameof(IsBusy))]
    [Fallback(nameof(Cached), HandleOnResult = nameof(IsBusy))]
    public partial Task<Reply> GetWithFallbackAsync(CancellationToken ct);
    private Task<Reply> GetWithFallbackAsyncCore(CancellationToken ct) => Task.FromResult(replies.Next());
    private Task<Reply> Cached(CancellationToken ct, Exception failure)
    {
        Log.Add("fallback after " + ((HandledResultException)failure).Result);
        return Task.FromResult(new Reply(299));
    }

    [CircuitBreaker(FailureThreshold = 2, BreakDurationMs = 1_000, HandleOnResult = nameof(IsBusy), OnStateChange = nameof(OnBreakerChange))]
    public partial Reply GetThroughBreaker();
    private Reply GetThroughBreakerCore() => replies.Next();

    [CircuitBreaker(FailureRatio = 0.5, SamplingCalls = 4, BreakDurationMs = 1_000)]
    public partial Reply GetCounted();
    private Reply GetCountedCore() => replies.Next();

    [Retry(MaxRetries = 5, BaseDelayMs = 400, Jitter = Jitter.None)]
    [Timeout(10_000)]
    [Timeout(1_000, Scope = TimeoutScope.Overall)]
    public partial Task<Reply> GetWithinASecondAsync(CancellationToken ct);
    private Task<Reply> GetWithinASecondAsyncCore(CancellationToken ct) => Task.FromResult(replies.Next());

    [Retry(MaxRetries = 3, BaseDelayMs = 0)]
    [Timeout(10_000)]
    public partial Task<Reply> GetCancellableAsync(CancellationToken ct);
    private async Task<Reply> GetCancellableAsyncCore(CancellationToken ct)
    {
        replies.Next();
        await Task.Delay(Timeout.Infinite, ct);
        return new Reply(200);
    }

    [Retry(MaxRetries = 3, BaseDelayMs = 10, Jitter = Jitter.None, OnRetry = nameof(LogVoidRetry))]
    public partial void Send();
    private void SendCore() => replies.Next();

    private static bool IsBusy(Reply reply) => reply.IsBusy;

    private static TimeSpan? ServerDelay(Reply reply) => reply.ServerDelay;

    private void LogRetry(RetryAttempt<Reply> attempt) =>
        Log.Add($"attempt {attempt.AttemptNumber} failed ({attempt.Exception?.GetType().Name ?? attempt.Result.Status.ToString()}), retry in {attempt.Delay.TotalMilliseconds} ms");

    private void LogVoidRetry(RetryAttempt attempt) => Log.Add($"attempt {attempt.AttemptNumber}: {attempt.Exception.Message}");

    private static void OnBreakerChange(CircuitBreakerStateChangedEventArgs change) => BreakerChanges.Add(change);
}

/// <summary>HttpResponseMessage results with no predicate: the transient statuses are failures, Retry-After is honoured.</summary>
public partial class HttpAgent(HttpClient client, Uri address)
{
    [Retry(MaxRetries = 3, BaseDelayMs = 10, Jitter = Jitter.None)]
    public partial Task<HttpResponseMessage> GetAsync(CancellationToken ct);
    private Task<HttpResponseMessage> GetAsyncCore(CancellationToken ct) => client.GetAsync(address, ct);

    [Retry(MaxRetries = 3, BaseDelayMs = 10, Jitter = Jitter.None)]
    [CircuitBreaker(FailureThreshold = 100)]
    public partial HttpResponseMessage Send(HttpStatusCode status);
    private HttpResponseMessage SendCore(HttpStatusCode status) => new(status);
}
