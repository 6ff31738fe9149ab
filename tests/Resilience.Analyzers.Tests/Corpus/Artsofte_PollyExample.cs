// Source: github.com/c0ldhand/artsofte-microservice-architecture — Services/CoreLib/HttpLogic/PollyExample.cs
// Original: Policy.Handle<Exception>().WaitAndRetryForeverAsync(...).ExecuteAsync(() => Task.FromResult("hello world"));
public partial class PollyExample
{
    [Retry(MaxRetries = 10)]
    public partial Task<string> ActionAsync();
    private Task<string> ActionAsyncCore() => Task.FromResult("hello world");
}
