using System;

namespace Resilience
{
    /// <summary>
    /// The values of a <see cref="CircuitBreakerAttribute"/>: the attribute's arguments are the defaults, and configuration under
    /// <c>Resilience:Policies:&lt;name&gt;:CircuitBreaker</c> can replace them at run time. Defaults equal the attribute's.
    /// </summary>
    public sealed class CircuitBreakerOptions : IEquatable<CircuitBreakerOptions>
    {
        /// <summary>The sampling window of ratio mode when <see cref="SamplingDurationMs"/> is 0: 30 seconds.</summary>
        public const int DefaultRatioSamplingDurationMs = 30_000;

        /// <summary>Options with every default.</summary>
        public static CircuitBreakerOptions Default { get; } = new CircuitBreakerOptions();

        /// <summary>Failures that open the breaker (default 5): in a row, or within <see cref="SamplingDurationMs"/>. Unused in ratio mode.</summary>
        public int FailureThreshold { get; init; } = 5;

        /// <summary>
        /// The sliding window in milliseconds (default 0). Without <see cref="FailureRatio"/>: 0 counts consecutive failures, a positive
        /// value counts failures within the window. In ratio mode: the window the ratio is computed over (0 = <see cref="DefaultRatioSamplingDurationMs"/>).
        /// </summary>
        public int SamplingDurationMs { get; init; }

        /// <summary>The failure ratio (0 &lt; ratio ≤ 1) that opens the breaker in ratio mode; 0 (default) turns ratio mode off.</summary>
        public double FailureRatio { get; init; }

        /// <summary>The calls that must end within the window before ratio mode may open the breaker (default 10).</summary>
        public int MinimumThroughput { get; init; } = 10;

        /// <summary>How long the breaker stays open before it lets trial calls through, in milliseconds (default 30000).</summary>
        public int BreakDurationMs { get; init; } = 30_000;

        /// <summary>Trial successes that close a half-open breaker, and the number of trial calls let through at once (default 2).</summary>
        public int HalfOpenSuccesses { get; init; } = 2;

        /// <summary>
        /// 0 (default) = off; a positive value computes <see cref="FailureRatio"/> over the last this many calls instead of a time
        /// window. Requires <see cref="FailureRatio"/>; excludes <see cref="SamplingDurationMs"/>.
        /// </summary>
        public int SamplingCalls { get; init; }

        /// <summary>0 (default) = off; a call that takes at least this many milliseconds is slow.</summary>
        public int SlowCallMs { get; init; }

        /// <summary>
        /// 0 (default): slow calls count as failures. A value in (0, 1] (ratio modes only): slow calls are counted apart, and the
        /// breaker also opens when their share of the window's calls reaches it.
        /// </summary>
        public double SlowCallRatio { get; init; }

        /// <summary>Which exceptions count as failures (<c>HandleOn</c>/<c>IgnoreOn</c>); others pass through uncounted.</summary>
        public ExceptionTypeFilter Exceptions { get; init; } = ExceptionTypeFilter.All;

        /// <summary>The mode these values select.</summary>
        public CircuitBreakerMode Mode =>
            FailureRatio > 0 && SamplingCalls > 0 ? CircuitBreakerMode.FailureRatioInCalls
            : FailureRatio > 0 ? CircuitBreakerMode.FailureRatio
            : SamplingDurationMs > 0 ? CircuitBreakerMode.FailuresInWindow
            : CircuitBreakerMode.ConsecutiveFailures;

        /// <summary>The sliding window in force: <see cref="SamplingDurationMs"/>, or 30 s in ratio mode when that is 0; zero in consecutive mode.</summary>
        public TimeSpan SamplingDuration => Mode switch
        {
            CircuitBreakerMode.FailureRatio => TimeSpan.FromMilliseconds(SamplingDurationMs > 0 ? SamplingDurationMs : DefaultRatioSamplingDurationMs),
            CircuitBreakerMode.FailuresInWindow => TimeSpan.FromMilliseconds(SamplingDurationMs),
            _ => TimeSpan.Zero,
        };

        /// <summary>
        /// The calls a ratio mode needs before it may open: <see cref="MinimumThroughput"/>, or <see cref="SamplingCalls"/> when that
        /// is smaller (a window of 4 calls with the default minimum of 10 could never open otherwise).
        /// </summary>
        public int EffectiveMinimumThroughput => Mode == CircuitBreakerMode.FailureRatioInCalls ? Math.Min(MinimumThroughput, SamplingCalls) : MinimumThroughput;

        /// <summary>The break duration as a <see cref="TimeSpan"/>.</summary>
        public TimeSpan BreakDuration => TimeSpan.FromMilliseconds(BreakDurationMs);

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when a value is out of range.</summary>
        public void Validate(string name)
        {
            Require(FailureThreshold >= 1, name, nameof(FailureThreshold), FailureThreshold, "must be 1 or more");
            Require(SamplingDurationMs >= 0, name, nameof(SamplingDurationMs), SamplingDurationMs, "must be 0 or more");
            Require(FailureRatio >= 0 && FailureRatio <= 1, name, nameof(FailureRatio), FailureRatio, "must be between 0 and 1");
            Require(MinimumThroughput >= 1, name, nameof(MinimumThroughput), MinimumThroughput, "must be 1 or more");
            Require(BreakDurationMs >= 0, name, nameof(BreakDurationMs), BreakDurationMs, "must be 0 or more");
            Require(HalfOpenSuccesses >= 1, name, nameof(HalfOpenSuccesses), HalfOpenSuccesses, "must be 1 or more");
            Require(SamplingCalls >= 0, name, nameof(SamplingCalls), SamplingCalls, "must be 0 or more");
            Require(SamplingCalls == 0 || FailureRatio > 0, name, nameof(SamplingCalls), SamplingCalls, "needs FailureRatio (the ratio it samples calls for)");
            Require(SamplingCalls == 0 || SamplingDurationMs == 0, name, nameof(SamplingCalls), SamplingCalls, "cannot be combined with SamplingDurationMs (a window counts either calls or time)");
            Require(SlowCallMs >= 0, name, nameof(SlowCallMs), SlowCallMs, "must be 0 or more");
            Require(SlowCallRatio >= 0 && SlowCallRatio <= 1, name, nameof(SlowCallRatio), SlowCallRatio, "must be between 0 and 1");
            Require(SlowCallRatio == 0 || SlowCallMs > 0, name, nameof(SlowCallRatio), SlowCallRatio, "needs SlowCallMs (what a slow call is)");
            Require(SlowCallRatio == 0 || FailureRatio > 0, name, nameof(SlowCallRatio), SlowCallRatio, "needs a ratio mode (FailureRatio); otherwise slow calls simply count as failures");
            if (Exceptions is null)
            {
                throw new ArgumentException($"Circuit breaker '{name}': Exceptions must not be null.");
            }
        }

        /// <inheritdoc/>
        public bool Equals(CircuitBreakerOptions? other) =>
            other is not null
            && FailureThreshold == other.FailureThreshold
            && SamplingDurationMs == other.SamplingDurationMs
            && FailureRatio.Equals(other.FailureRatio)
            && MinimumThroughput == other.MinimumThroughput
            && BreakDurationMs == other.BreakDurationMs
            && HalfOpenSuccesses == other.HalfOpenSuccesses
            && SamplingCalls == other.SamplingCalls
            && SlowCallMs == other.SlowCallMs
            && SlowCallRatio.Equals(other.SlowCallRatio)
            && ReferenceEquals(Exceptions, other.Exceptions);

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as CircuitBreakerOptions);

        /// <inheritdoc/>
        public override int GetHashCode() =>
            HashCode.Combine(
                HashCode.Combine(FailureThreshold, SamplingDurationMs, FailureRatio, MinimumThroughput, BreakDurationMs, HalfOpenSuccesses, Exceptions),
                SamplingCalls,
                SlowCallMs,
                SlowCallRatio);

        /// <inheritdoc/>
        public override string ToString() =>
            $"Mode={Mode}, FailureThreshold={FailureThreshold}, SamplingDurationMs={SamplingDurationMs}, FailureRatio={FailureRatio}, " +
            $"MinimumThroughput={MinimumThroughput}, BreakDurationMs={BreakDurationMs}, HalfOpenSuccesses={HalfOpenSuccesses}, " +
            $"SamplingCalls={SamplingCalls}, SlowCallMs={SlowCallMs}, SlowCallRatio={SlowCallRatio}";

        private static void Require<T>(bool condition, string name, string property, T value, string rule)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(property, value, $"Circuit breaker '{name}': {property} {rule}.");
            }
        }
    }
}
