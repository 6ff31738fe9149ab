namespace Resilience.Runtime.Tests;

public sealed class BackoffCalculatorTests
{
    private const double Tolerance = 1e-9;

    private static RetryOptions Options(
        Backoff backoff = Backoff.Exponential,
        Jitter jitter = Jitter.None,
        int baseDelayMs = 100,
        int maxDelayMs = 60_000,
        double exponentialBase = 2.0) =>
        new()
        {
            Backoff = backoff,
            Jitter = jitter,
            BaseDelayMs = baseDelayMs,
            MaxDelayMs = maxDelayMs,
            ExponentialBase = exponentialBase,
        };

    // ---- No jitter: exact values ----

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(10, 51_200)]
    public void Exponential_without_jitter_is_base_times_two_to_the_retry_minus_one(int retry, double expected)
    {
        RetryOptions options = Options(Backoff.Exponential);

        Assert.Equal(expected, BackoffCalculator.BaseDelayMs(options, retry), Tolerance);
        Assert.Equal(expected, BackoffCalculator.DelayMs(options, retry, previousDelayMs: 0, random: 0.5), Tolerance);
    }

    [Theory]
    [InlineData(1.5, 1, 100)]
    [InlineData(1.5, 2, 150)]
    [InlineData(1.5, 3, 225)]
    [InlineData(3.0, 1, 100)]
    [InlineData(3.0, 2, 300)]
    [InlineData(3.0, 4, 2_700)]
    [InlineData(1.0, 1, 100)]
    [InlineData(1.0, 9, 100)]
    public void Exponential_uses_the_configured_base(double exponentialBase, int retry, double expected)
    {
        RetryOptions options = Options(Backoff.Exponential, exponentialBase: exponentialBase);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, retry, 0, 0.5), Tolerance);
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 300)]
    [InlineData(10, 1_000)]
    public void Linear_without_jitter_is_base_times_retry(int retry, double expected)
    {
        RetryOptions options = Options(Backoff.Linear);

        Assert.Equal(expected, BackoffCalculator.BaseDelayMs(options, retry), Tolerance);
        Assert.Equal(expected, BackoffCalculator.DelayMs(options, retry, 0, 0.5), Tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(50)]
    [InlineData(int.MaxValue)]
    public void Constant_without_jitter_is_always_the_base(int retry)
    {
        RetryOptions options = Options(Backoff.Constant);

        Assert.Equal(100, BackoffCalculator.BaseDelayMs(options, retry), Tolerance);
        Assert.Equal(100, BackoffCalculator.DelayMs(options, retry, 0, 0.5), Tolerance);
    }

    [Fact]
    public void Default_options_give_the_documented_sequence_before_jitter()
    {
        RetryOptions options = RetryOptions.Default;

        Assert.Equal(
            new[] { 1_000d, 2_000d, 4_000d, 8_000d, 16_000d, 32_000d, 60_000d, 60_000d },
            Enumerable.Range(1, 8).Select(retry => BackoffCalculator.BaseDelayMs(options, retry)));
    }

    // ---- Cap at MaxDelayMs ----

    [Theory]
    [InlineData(Backoff.Exponential, 4, 800)]
    [InlineData(Backoff.Exponential, 5, 1_000)]
    [InlineData(Backoff.Exponential, 30, 1_000)]
    [InlineData(Backoff.Linear, 9, 900)]
    [InlineData(Backoff.Linear, 10, 1_000)]
    [InlineData(Backoff.Linear, 11, 1_000)]
    [InlineData(Backoff.Constant, 100, 100)]
    public void Delays_are_capped_at_MaxDelayMs(Backoff backoff, int retry, double expected)
    {
        RetryOptions options = Options(backoff, maxDelayMs: 1_000);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, retry, 0, 0), Tolerance);
    }

    [Theory]
    [InlineData(Backoff.Exponential, 1_025)]
    [InlineData(Backoff.Exponential, 1_100)]
    [InlineData(Backoff.Exponential, int.MaxValue)]
    [InlineData(Backoff.Linear, int.MaxValue)]
    public void Huge_retry_numbers_do_not_overflow_and_give_MaxDelayMs(Backoff backoff, int retry)
    {
        RetryOptions options = Options(backoff, maxDelayMs: 30_000);

        double delay = BackoffCalculator.DelayMs(options, retry, 0, 0);

        Assert.Equal(30_000, delay);
        Assert.False(double.IsNaN(delay) || double.IsInfinity(delay));
    }

    [Theory]
    [InlineData(Jitter.Full, 0.5, 15_000)]
    [InlineData(Jitter.Equal, 0.5, 22_500)]
    [InlineData(Jitter.Full, 0.999, 29_970)]
    public void Jitter_applies_to_the_capped_delay_for_huge_retry_numbers(Jitter jitter, double random, double expected)
    {
        RetryOptions options = Options(Backoff.Exponential, jitter, maxDelayMs: 30_000);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, int.MaxValue, 0, random), 1e-6);
    }

    [Theory]
    [InlineData(Backoff.Exponential, 1)]
    [InlineData(Backoff.Exponential, 1_100)]
    [InlineData(Backoff.Exponential, int.MaxValue)]
    [InlineData(Backoff.Linear, int.MaxValue)]
    [InlineData(Backoff.Constant, int.MaxValue)]
    public void A_zero_base_delay_stays_zero_for_every_retry_number(Backoff backoff, int retry)
    {
        // 0 * 2^n overflows to 0 * Infinity = NaN for large n; a zero base must still mean "no delay".
        RetryOptions options = Options(backoff, baseDelayMs: 0, maxDelayMs: 30_000);

        Assert.Equal(0, BackoffCalculator.DelayMs(options, retry, 0, 0.5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Retry_numbers_below_one_are_rejected(int retry)
    {
        RetryOptions options = Options();

        Assert.Equal("retry", Assert.Throws<ArgumentOutOfRangeException>(() => BackoffCalculator.BaseDelayMs(options, retry)).ParamName);
        Assert.Equal("retry", Assert.Throws<ArgumentOutOfRangeException>(() => BackoffCalculator.DelayMs(options, retry, 0, 0.5)).ParamName);
    }

    [Fact]
    public void An_unknown_jitter_is_rejected()
    {
        RetryOptions options = Options(jitter: (Jitter)42);

        Assert.Throws<ArgumentOutOfRangeException>(() => BackoffCalculator.DelayMs(options, 1, 0, 0.5));
    }

    // ---- Full jitter: U[0, d) ----

    [Theory]
    [InlineData(Backoff.Exponential, 0.0, 0)]
    [InlineData(Backoff.Exponential, 0.5, 200)]
    [InlineData(Backoff.Exponential, 0.999, 399.6)]
    [InlineData(Backoff.Linear, 0.0, 0)]
    [InlineData(Backoff.Linear, 0.5, 150)]
    [InlineData(Backoff.Linear, 0.999, 299.7)]
    [InlineData(Backoff.Constant, 0.0, 0)]
    [InlineData(Backoff.Constant, 0.5, 50)]
    [InlineData(Backoff.Constant, 0.999, 99.9)]
    public void Full_jitter_scales_the_delay_by_the_random_value(Backoff backoff, double random, double expected)
    {
        RetryOptions options = Options(backoff, Jitter.Full);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, 3, 0, random), Tolerance);
    }

    [Theory]
    [InlineData(Backoff.Exponential)]
    [InlineData(Backoff.Linear)]
    [InlineData(Backoff.Constant)]
    public void Full_jitter_stays_within_zero_and_the_delay(Backoff backoff)
    {
        RetryOptions options = Options(backoff, Jitter.Full, maxDelayMs: 5_000);
        var random = new Random(1234);

        for (int retry = 1; retry <= 12; retry++)
        {
            double ceiling = BackoffCalculator.BaseDelayMs(options, retry);
            for (int sample = 0; sample < 200; sample++)
            {
                double delay = BackoffCalculator.DelayMs(options, retry, 0, random.NextDouble());
                Assert.InRange(delay, 0, ceiling);
                Assert.True(delay < ceiling, $"Full jitter gave {delay} for a ceiling of {ceiling}.");
            }
        }
    }

    // ---- Equal jitter: d/2 + U[0, d/2) ----

    [Theory]
    [InlineData(Backoff.Exponential, 0.0, 200)]
    [InlineData(Backoff.Exponential, 0.5, 300)]
    [InlineData(Backoff.Exponential, 0.999, 399.8)]
    [InlineData(Backoff.Linear, 0.0, 150)]
    [InlineData(Backoff.Linear, 0.5, 225)]
    [InlineData(Backoff.Linear, 0.999, 299.85)]
    [InlineData(Backoff.Constant, 0.0, 50)]
    [InlineData(Backoff.Constant, 0.5, 75)]
    [InlineData(Backoff.Constant, 0.999, 99.95)]
    public void Equal_jitter_is_half_the_delay_plus_a_random_half(Backoff backoff, double random, double expected)
    {
        RetryOptions options = Options(backoff, Jitter.Equal);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, 3, 0, random), Tolerance);
    }

    [Theory]
    [InlineData(Backoff.Exponential)]
    [InlineData(Backoff.Linear)]
    [InlineData(Backoff.Constant)]
    public void Equal_jitter_stays_within_half_the_delay_and_the_delay(Backoff backoff)
    {
        RetryOptions options = Options(backoff, Jitter.Equal, maxDelayMs: 5_000);
        var random = new Random(4321);

        for (int retry = 1; retry <= 12; retry++)
        {
            double ceiling = BackoffCalculator.BaseDelayMs(options, retry);
            for (int sample = 0; sample < 200; sample++)
            {
                double delay = BackoffCalculator.DelayMs(options, retry, 0, random.NextDouble());
                Assert.InRange(delay, ceiling / 2, ceiling);
                Assert.True(delay < ceiling, $"Equal jitter gave {delay} for a ceiling of {ceiling}.");
            }
        }
    }

    [Theory]
    [InlineData(Jitter.Full, 0.999, 999)]
    [InlineData(Jitter.Equal, 0.999, 999.5)]
    [InlineData(Jitter.Equal, 0.0, 500)]
    public void Full_and_equal_jitter_apply_to_the_capped_delay(Jitter jitter, double random, double expected)
    {
        RetryOptions options = Options(Backoff.Exponential, jitter, maxDelayMs: 1_000);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, 8, 0, random), Tolerance);
    }

    // ---- Decorrelated jitter: min(max, U[base, previous * 3]) ----

    [Theory]
    [InlineData(0.0, 100)]
    [InlineData(0.5, 200)]
    [InlineData(0.999, 299.8)]
    public void Decorrelated_jitter_before_the_first_retry_grows_from_the_base(double random, double expected)
    {
        RetryOptions options = Options(Backoff.Exponential, Jitter.Decorrelated);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, 1, previousDelayMs: 0, random), Tolerance);
    }

    [Theory]
    [InlineData(Backoff.Exponential, 0.0, 100)]
    [InlineData(Backoff.Exponential, 0.5, 1_550)]
    [InlineData(Backoff.Exponential, 0.999, 2_997.1)]
    [InlineData(Backoff.Linear, 0.0, 100)]
    [InlineData(Backoff.Linear, 0.5, 1_550)]
    [InlineData(Backoff.Linear, 0.999, 2_997.1)]
    [InlineData(Backoff.Constant, 0.0, 100)]
    [InlineData(Backoff.Constant, 0.5, 1_550)]
    [InlineData(Backoff.Constant, 0.999, 2_997.1)]
    public void Decorrelated_jitter_grows_from_the_previous_delay_whatever_the_backoff(Backoff backoff, double random, double expected)
    {
        // U[base, previous * 3] = U[100, 3000]: decorrelated jitter brings its own growth.
        RetryOptions options = Options(backoff, Jitter.Decorrelated);

        Assert.Equal(expected, BackoffCalculator.DelayMs(options, 2, previousDelayMs: 1_000, random), Tolerance);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Decorrelated_jitter_never_goes_below_the_base_when_the_previous_delay_was_tiny(double random)
    {
        RetryOptions options = Options(Backoff.Exponential, Jitter.Decorrelated);

        Assert.Equal(100, BackoffCalculator.DelayMs(options, 2, previousDelayMs: 10, random), Tolerance);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Decorrelated_jitter_is_capped_at_MaxDelayMs(double random)
    {
        RetryOptions options = Options(Backoff.Exponential, Jitter.Decorrelated, maxDelayMs: 1_000);

        Assert.Equal(1_000, BackoffCalculator.DelayMs(options, 5, previousDelayMs: 1_000, random), Tolerance);
    }

    [Fact]
    public void Decorrelated_jitter_with_a_high_random_climbs_to_the_cap_and_stays_there()
    {
        RetryOptions options = Options(Backoff.Exponential, Jitter.Decorrelated, maxDelayMs: 10_000);
        double previous = 0;
        var delays = new List<double>();

        for (int retry = 1; retry <= 20; retry++)
        {
            double delay = BackoffCalculator.DelayMs(options, retry, previous, 0.999);
            delays.Add(delay);
            Assert.InRange(delay, 100, Math.Min(10_000, Math.Max(previous, 100) * 3));
            previous = delay;
        }

        for (int i = 1; i < delays.Count; i++)
        {
            Assert.True(delays[i] > delays[i - 1] || delays[i] == 10_000, $"Delay {i + 1} ({delays[i]}) did not grow from {delays[i - 1]}.");
        }

        Assert.Equal(10_000, delays[^1]);
    }

    [Fact]
    public void Decorrelated_jitter_stays_within_base_and_three_times_the_previous_delay()
    {
        RetryOptions options = Options(Backoff.Exponential, Jitter.Decorrelated, maxDelayMs: 20_000);
        var random = new Random(99);
        double previous = 0;

        for (int retry = 1; retry <= 2_000; retry++)
        {
            double delay = BackoffCalculator.DelayMs(options, retry, previous, random.NextDouble());
            double high = Math.Min(20_000, Math.Max(previous > 0 ? previous : 100, 100) * 3);
            Assert.InRange(delay, 100, high);
            previous = delay;
        }
    }

    // ---- Proportional jitter: delay × U[0.5, 1.5] ----

    [Theory]
    [InlineData(0.0, 200)]
    [InlineData(0.5, 400)]
    [InlineData(0.999, 599.6)]
    public void Proportional_jitter_scales_the_delay_by_half_to_one_and_a_half(double random, double expected)
    {
        Assert.Equal(expected, BackoffCalculator.DelayMs(Options(Backoff.Exponential, Jitter.Proportional), 3, 0, random), Tolerance);
    }

    [Fact]
    public void Proportional_jitter_never_passes_MaxDelayMs()
    {
        RetryOptions options = Options(Backoff.Constant, Jitter.Proportional, baseDelayMs: 1_000, maxDelayMs: 1_200);

        Assert.Equal(1_200, BackoffCalculator.DelayMs(options, 1, 0, 0.9), Tolerance);
        Assert.Equal(500, BackoffCalculator.DelayMs(options, 1, 0, 0.0), Tolerance);
    }

    [Fact]
    public void A_server_requested_delay_is_capped_and_never_negative()
    {
        RetryOptions options = Options(maxDelayMs: 5_000);

        Assert.Equal(3_000, BackoffCalculator.RetryAfterDelayMs(options, TimeSpan.FromSeconds(3)), Tolerance);
        Assert.Equal(5_000, BackoffCalculator.RetryAfterDelayMs(options, TimeSpan.FromHours(1)), Tolerance);
        Assert.Equal(0, BackoffCalculator.RetryAfterDelayMs(options, TimeSpan.FromSeconds(-1)), Tolerance);
    }
}
