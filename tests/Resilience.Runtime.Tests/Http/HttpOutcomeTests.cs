using System.Net;
using System.Net.Http.Headers;
using Resilience.Testing;

namespace Resilience.Runtime.Tests.Http;

public sealed class HttpResponseClassifierTests
{
    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(599, true)]
    [InlineData(200, false)]
    [InlineData(204, false)]
    [InlineData(301, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(600, false)]
    public void The_transient_set_is_408_429_and_every_5xx(int status, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        Assert.Equal(transient, HttpResponseClassifier.IsTransientFailure(response));
    }

    [Fact]
    public void A_null_response_is_not_a_failure()
    {
        Assert.False(HttpResponseClassifier.IsTransientFailure(null));
    }
}

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seconds_are_the_delay()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), RetryAfterHeader.GetDelay(response, new FakeClock(Now)));
    }

    [Fact]
    public void An_http_date_is_measured_against_the_given_clock()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(90).ToString("R"));

        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.GetDelay(response, new FakeClock(Now)));
    }

    [Fact]
    public void A_date_in_the_past_means_retry_now()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddMinutes(-1).ToString("R"));

        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.GetDelay(response, new FakeClock(Now)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    public void No_or_an_invalid_header_gives_no_delay(string? value)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        if (value is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", value);
        }

        Assert.Null(RetryAfterHeader.GetDelay(response, new FakeClock(Now)));
        Assert.Null(RetryAfterHeader.GetDelay(null, new FakeClock(Now)));
    }
}
