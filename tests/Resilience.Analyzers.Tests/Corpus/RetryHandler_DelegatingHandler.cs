// Source: github.com/shendongnian/code — code5/787190-53067284-0.cs
// Original: for (int i = 0; i < MaxRetries; i++) { response = await base.SendAsync(request, cancellationToken); if (response.IsSuccessStatusCode) return response; response.Dispose(); }
public partial class RetryHandler
{
    private readonly HttpMessageInvoker _inner;
    public RetryHandler(HttpMessageHandler innerHandler) => _inner = new HttpMessageInvoker(innerHandler);

    [Retry(MaxRetries = 2)]
    public partial Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken);
    private async Task<HttpResponseMessage> SendAsyncCore(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException("retry");
        }

        return response;
    }
}
