using Resilience.Analyzers.CodeFixes.Tests.Infrastructure;

namespace Resilience.Analyzers.CodeFixes.Tests;

/// <summary>RES1010's fix: the key generated in the attempt becomes a parameter; an overload creates it once per call.</summary>
public class HoistIdempotencyKeyCodeFixTests
{
    [Fact]
    public async Task RES1010_KeyBecomesAParameterBeforeTheCancellationToken_AndAnOverloadKeepsTheOldSignature()
    {
        var result = await CodeFixHarness.ApplyAsync(new HoistIdempotencyKeyCodeFixProvider(), "RES1010", "idempotencyKey", """
            public partial class Payments
            {
                private readonly HttpClient _http = new();

                [Retry]
                public partial Task<HttpResponseMessage> PayAsync(string body, CancellationToken cancellationToken);
                private async Task<HttpResponseMessage> PayAsyncCore(string body, CancellationToken cancellationToken)
                {
                    var key = Guid.NewGuid().ToString("N");
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/charges") { Content = new StringContent(body) };
                    request.Headers.Add("Idempotency-Key", key);
                    return await _http.SendAsync(request, cancellationToken);
                }

                public Task CallerAsync() => PayAsync("{}", CancellationToken.None);
            }
            """);
        var text = CodeFixHarness.Squash(result[0]);
        Assert.True(text.Contains("public partial Task<HttpResponseMessage> PayAsync(string body, Guid idempotencyKey, CancellationToken cancellationToken);", StringComparison.Ordinal), text);
        Assert.True(text.Contains("public Task<HttpResponseMessage> PayAsync(string body, CancellationToken cancellationToken) => PayAsync(body, Guid.NewGuid(), cancellationToken);", StringComparison.Ordinal), text);
        Assert.True(text.Contains("private async Task<HttpResponseMessage> PayAsyncCore(string body, Guid idempotencyKey, CancellationToken cancellationToken)", StringComparison.Ordinal), text);
        Assert.True(text.Contains("var key = idempotencyKey.ToString(\"N\");", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task RES1010_GenericStaticMethod_KeyAppended_NameAvoidsTakenNames_VersionSevenKept()
    {
        var result = await CodeFixHarness.ApplyAsync(new HoistIdempotencyKeyCodeFixProvider(), "RES1010", "idempotencyKey2", """
            public sealed class Options { public Guid IdempotencyKey { get; set; } }
            public interface IGateway { Task SendAsync<T>(T item, Options options); }
            public static partial class Sender
            {
                [Retry]
                public static partial Task SendAsync<T>(IGateway gateway, T item, string idempotencyKey);
                private static Task SendAsyncCore<T>(IGateway gateway, T item, string idempotencyKey) =>
                    gateway.SendAsync(item, new Options { IdempotencyKey = Guid.CreateVersion7() });
            }
            """);
        var text = CodeFixHarness.Squash(result[0]);
        Assert.True(text.Contains("public static partial Task SendAsync<T>(IGateway gateway, T item, string idempotencyKey, Guid idempotencyKey2);", StringComparison.Ordinal), text);
        Assert.True(text.Contains("public static Task SendAsync<T>(IGateway gateway, T item, string idempotencyKey) => SendAsync<T>(gateway, item, idempotencyKey, Guid.CreateVersion7());", StringComparison.Ordinal), text);
        Assert.True(text.Contains("new Options { IdempotencyKey = idempotencyKey2 }", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task RES1010_NotOfferedOutsideAPartialMethodsCore()
    {
        var titles = await CodeFixHarness.GetTitlesAsync(new HoistIdempotencyKeyCodeFixProvider(), "RES1010", """
            public sealed class Options { public Guid IdempotencyKey { get; set; } }
            public interface IGateway { Task SendAsync(Options options); }
            public partial class Sender
            {
                private readonly IGateway _gateway;
                public Sender(IGateway gateway) => _gateway = gateway;

                [Retry]
                public partial Task SendAsync();
                private Task SendAsyncCore() => Helper();

                private Task Helper() => _gateway.SendAsync(new Options { IdempotencyKey = Guid.NewGuid() });
            }
            """);
        Assert.Empty(titles);
    }
}
