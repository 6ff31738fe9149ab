// Source: github.com/shendongnian/code — code5/787184-35183487-8.cs
// Original: Policy.Handle<HttpRequestException>().Or<TaskCanceledException>().OrResult<HttpResponseMessage>(x => !x.IsSuccessStatusCode)
//           .WaitAndRetryAsync(3, ...).ExecuteAsync(() => base.SendAsync(request, cancellationToken));
public partial class HttpRetryMessageHandler
{
    private readonly HttpMessageInvoker _inner;
    public HttpRetryMessageHandler(HttpClientHandler handler) => _inner = new HttpMessageInvoker(handler);

    [Retry(MaxRetries = 3)]
    public partial Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken);
    private Task<HttpResponseMessage> SendAsyncCore(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _inner.SendAsync(request, cancellationToken);
}
