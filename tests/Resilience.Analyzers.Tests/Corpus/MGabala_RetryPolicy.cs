// Source: github.com/MGabala/WebAPI-ASP.NET — API-INTEGRATION/RetryPolicy.cs
// Original: for (int i = 0; i < _MaxAmountOfRetries; i++) { response = await base.SendAsync(request, cancellationToken); if (response.IsSuccessStatusCode) return response; } return response;
public partial class RetryPolicyHandler
{
    private readonly HttpMessageInvoker _inner;
    public RetryPolicyHandler(HttpMessageHandler inner) => _inner = new HttpMessageInvoker(inner);

    [Retry(MaxRetries = 2)]
    public partial Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken);
    private async Task<HttpResponseMessage> SendAsyncCore(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await _inner.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
