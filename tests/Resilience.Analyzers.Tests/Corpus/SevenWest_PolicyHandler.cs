// Source: github.com/longmaster/SevenWestMedia — SevenWestMedia/Infrastructure/Policy/PolicyHandler.cs
// Original: Policy.WrapAsync(RetryPolicy, TimeoutPolicy).ExecuteAsync(ct => base.SendAsync(request, ct), cancellationToken);
public partial class PolicyHandler
{
    private readonly HttpMessageInvoker _inner;
    public PolicyHandler(HttpMessageInvoker inner) => _inner = inner;

    [Retry]
    [Timeout(10_000)]
    public partial Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken);
    private Task<HttpResponseMessage> SendAsyncCore(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _inner.SendAsync(request, cancellationToken);
}
