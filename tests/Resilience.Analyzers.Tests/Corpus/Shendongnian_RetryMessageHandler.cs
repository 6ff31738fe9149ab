// Source: github.com/shendongnian/code — code4/658996-36611146-0.cs
// Original: for (int i = 0; i <= retryCount; i++) { response = await base.SendAsync(request, cancellationToken); if (response.IsSuccessStatusCode) return response; }
// The handler forwards the caller's request; the request's own method decides idempotency upstream.
public partial class RetryMessageHandler
{
    private readonly HttpMessageInvoker _inner;
    public RetryMessageHandler(HttpMessageHandler innerHandler) => _inner = new HttpMessageInvoker(innerHandler);

    [Retry(MaxRetries = 3)]
    public partial Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken);
    private async Task<HttpResponseMessage> SendAsyncCore(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _inner.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(response.ReasonPhrase);
        }

        return response;
    }
}
