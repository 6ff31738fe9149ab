namespace Resilience.Runtime.Tests;

public sealed class RetryOptionsTests
{
    private const string PolicyName = "Contoso.Agents.IncidentAgent.FetchMetricsAsync";

    private static readonly Dictionary<string, RetryOptions> s_invalid = new()
    {
        ["MaxRetries = -1"] = new RetryOptions { MaxRetries = -1 },
        ["MaxRetries = int.MinValue"] = new RetryOptions { MaxRetries = int.MinValue },
        ["BaseDelayMs = -1"] = new RetryOptions { BaseDelayMs = -1 },
        ["MaxDelayMs = -1"] = new RetryOptions { BaseDelayMs = 0, MaxDelayMs = -1 },
        ["BaseDelayMs > MaxDelayMs"] = new RetryOptions { BaseDelayMs = 2_000, MaxDelayMs = 1_000 },
        ["ExponentialBase = 0.5"] = new RetryOptions { ExponentialBase = 0.5 },
        ["ExponentialBase = 0"] = new RetryOptions { ExponentialBase = 0 },
        ["ExponentialBase = -2"] = new RetryOptions { ExponentialBase = -2 },
        ["ExponentialBase = NaN"] = new RetryOptions { ExponentialBase = double.NaN },
        ["ExponentialBase = +Infinity"] = new RetryOptions { ExponentialBase = double.PositiveInfinity },
        ["MaxTotalDelayMs = -1"] = new RetryOptions { MaxTotalDelayMs = -1 },
        ["Backoff = 42"] = new RetryOptions { Backoff = (Backoff)42 },
        ["Jitter = -1"] = new RetryOptions { Jitter = (Jitter)(-1) },
        ["Exceptions = null"] = new RetryOptions { Exceptions = null! },
    };

    public static TheoryData<string, string> InvalidCases => new()
    {
        { "MaxRetries = -1", nameof(RetryOptions.MaxRetries) },
        { "MaxRetries = int.MinValue", nameof(RetryOptions.MaxRetries) },
        { "BaseDelayMs = -1", nameof(RetryOptions.BaseDelayMs) },
        { "MaxDelayMs = -1", nameof(RetryOptions.MaxDelayMs) },
        { "BaseDelayMs > MaxDelayMs", nameof(RetryOptions.BaseDelayMs) },
        { "ExponentialBase = 0.5", nameof(RetryOptions.ExponentialBase) },
        { "ExponentialBase = 0", nameof(RetryOptions.ExponentialBase) },
        { "ExponentialBase = -2", nameof(RetryOptions.ExponentialBase) },
        { "ExponentialBase = NaN", nameof(RetryOptions.ExponentialBase) },
        { "ExponentialBase = +Infinity", nameof(RetryOptions.ExponentialBase) },
        { "MaxTotalDelayMs = -1", nameof(RetryOptions.MaxTotalDelayMs) },
        { "Backoff = 42", nameof(RetryOptions.Backoff) },
        { "Jitter = -1", nameof(RetryOptions.Jitter) },
        { "Exceptions = null", nameof(RetryOptions.Exceptions) },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Validate_rejects_an_invalid_value_naming_the_policy_and_the_property(string invalidCase, string property)
    {
        RetryOptions options = s_invalid[invalidCase];

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => options.Validate(PolicyName));

        Assert.Contains($"'{PolicyName}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(property, ex.Message, StringComparison.Ordinal);
        if (ex is ArgumentOutOfRangeException outOfRange)
        {
            Assert.Equal(property, outOfRange.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void The_policy_constructor_and_Override_validate_too(string invalidCase, string property)
    {
        RetryOptions options = s_invalid[invalidCase];

        ArgumentException fromConstructor = Assert.ThrowsAny<ArgumentException>(() => new RetryPolicy(PolicyName, options));
        Assert.Contains(PolicyName, fromConstructor.Message, StringComparison.Ordinal);
        Assert.Contains(property, fromConstructor.Message, StringComparison.Ordinal);

        var policy = new RetryPolicy(PolicyName, RetryOptions.Default);
        ArgumentException fromOverride = Assert.ThrowsAny<ArgumentException>(() => policy.Override(options));
        Assert.Contains(PolicyName, fromOverride.Message, StringComparison.Ordinal);
        Assert.Same(RetryOptions.Default, policy.Options);
    }

    [Fact]
    public void The_base_delay_rule_mentions_the_max_delay_it_exceeds()
    {
        var options = new RetryOptions { BaseDelayMs = 2_000, MaxDelayMs = 1_000 };

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => options.Validate(PolicyName));

        Assert.Contains("MaxDelayMs (1000)", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> BoundaryCases => new()
    {
        "defaults", "MaxRetries = 0", "BaseDelayMs = 0", "BaseDelayMs = MaxDelayMs = 0", "BaseDelayMs = MaxDelayMs",
        "ExponentialBase = 1", "MaxTotalDelayMs = 0", "MaxDelayMs = int.MaxValue", "every Backoff/Jitter",
    };

    [Theory]
    [MemberData(nameof(BoundaryCases))]
    public void Validate_accepts_values_on_the_boundaries(string boundaryCase)
    {
        RetryOptions[] options = boundaryCase switch
        {
            "defaults" => new[] { RetryOptions.Default, new RetryOptions() },
            "MaxRetries = 0" => new[] { new RetryOptions { MaxRetries = 0 } },
            "BaseDelayMs = 0" => new[] { new RetryOptions { BaseDelayMs = 0 } },
            "BaseDelayMs = MaxDelayMs = 0" => new[] { new RetryOptions { BaseDelayMs = 0, MaxDelayMs = 0 } },
            "BaseDelayMs = MaxDelayMs" => new[] { new RetryOptions { BaseDelayMs = 5_000, MaxDelayMs = 5_000 } },
            "ExponentialBase = 1" => new[] { new RetryOptions { ExponentialBase = 1.0 } },
            "MaxTotalDelayMs = 0" => new[] { new RetryOptions { MaxTotalDelayMs = 0 } },
            "MaxDelayMs = int.MaxValue" => new[] { new RetryOptions { MaxDelayMs = int.MaxValue, MaxTotalDelayMs = int.MaxValue } },
            "every Backoff/Jitter" => Enum.GetValues<Backoff>()
                .SelectMany(backoff => Enum.GetValues<Jitter>().Select(jitter => new RetryOptions { Backoff = backoff, Jitter = jitter }))
                .ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(boundaryCase)),
        };

        foreach (RetryOptions option in options)
        {
            option.Validate(PolicyName);
            Assert.NotNull(new RetryPolicy(PolicyName, option).Options);
        }
    }

    [Fact]
    public void Defaults_equal_the_attribute_defaults()
    {
        var attribute = new RetryAttribute();
        RetryOptions options = RetryOptions.Default;

        Assert.Equal(attribute.MaxRetries, options.MaxRetries);
        Assert.Equal(attribute.BaseDelayMs, options.BaseDelayMs);
        Assert.Equal(attribute.MaxDelayMs, options.MaxDelayMs);
        Assert.Equal(attribute.Backoff, options.Backoff);
        Assert.Equal(attribute.ExponentialBase, options.ExponentialBase);
        Assert.Equal(attribute.Jitter, options.Jitter);
        Assert.Equal(attribute.MaxTotalDelayMs, options.MaxTotalDelayMs);
        Assert.Same(ExceptionTypeFilter.All, options.Exceptions);
        Assert.Null(options.ShouldRetry);
        Assert.Equal((3, 1_000, 60_000, Backoff.Exponential, 2.0, Jitter.Full, 0),
            (options.MaxRetries, options.BaseDelayMs, options.MaxDelayMs, options.Backoff, options.ExponentialBase, options.Jitter, options.MaxTotalDelayMs));
    }
}
