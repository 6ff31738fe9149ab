using System;

namespace Resilience
{
    /// <summary>
    /// Stops calling the implementation after repeated failures (Closed → Open), rejects calls at once with
    /// <c>CircuitBreakerOpenException</c> while open, and lets trial calls through after the break (Half-open).
    /// </summary>
    /// <remarks>
    /// Breakers with the same <see cref="Name"/> share one state in the process. Inside <see cref="RetryAttribute"/>,
    /// every attempt is recorded by the breaker.
    /// <para>
    /// On a class, the attribute applies to each partial method there that the generator completes (on a
    /// <see cref="ResilientProxyAttribute"/> class: to every method it forwards). Per policy kind, an attribute on the
    /// method wins over one on the class; <see cref="NoClassPoliciesAttribute"/> opts a method out.
    /// </para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class CircuitBreakerAttribute : Attribute
    {
        /// <summary>The breaker's name (default <c>Namespace.Type.Method</c>); equal names share one breaker.</summary>
        public string? Name { get; set; }

        /// <summary>Failures that open the breaker (default 5): consecutive, or within <see cref="SamplingDurationMs"/>.</summary>
        public int FailureThreshold { get; set; } = 5;

        /// <summary>0 (default) counts consecutive failures; a positive value counts failures within this sliding window, in milliseconds.</summary>
        public int SamplingDurationMs { get; set; }

        /// <summary>0 (default) disables ratio mode; a value in (0, 1] opens the breaker when the failure ratio in the window reaches it.</summary>
        public double FailureRatio { get; set; }

        /// <summary>In ratio mode, the fewest calls in the window before the ratio is considered (default 10).</summary>
        public int MinimumThroughput { get; set; } = 10;

        /// <summary>How long the breaker stays open, in milliseconds (default 30000).</summary>
        public int BreakDurationMs { get; set; } = 30_000;

        /// <summary>Successful trial calls that close a half-open breaker, and trial calls let through at once (default 2).</summary>
        public int HalfOpenSuccesses { get; set; } = 2;

        /// <summary>Exception types that count as failures; empty means every exception.</summary>
        public Type[] HandleOn { get; set; } = Array.Empty<Type>();

        /// <summary>Exception types that never count as failures; they win over <see cref="HandleOn"/>.</summary>
        public Type[] IgnoreOn { get; set; } = Array.Empty<Type>();

        /// <summary>
        /// 0 (default) = off; a positive value computes <see cref="FailureRatio"/> over the last this many calls instead of a
        /// time window (requires <see cref="FailureRatio"/>). The breaker may open once <c>min(MinimumThroughput, SamplingCalls)</c> calls were recorded.
        /// </summary>
        public int SamplingCalls { get; set; }

        /// <summary>0 (default) = off; a call that takes at least this many milliseconds is a slow call.</summary>
        public int SlowCallMs { get; set; }

        /// <summary>
        /// 0 (default): slow calls (see <see cref="SlowCallMs"/>) count as failures. A value in (0, 1] (ratio mode only): the breaker
        /// also opens when the share of slow calls in the window reaches it, whether they succeeded or not.
        /// </summary>
        public double SlowCallRatio { get; set; }

        /// <summary>
        /// The name of a <c>bool M(TResult result)</c> method of the containing type (static or instance; use <c>nameof</c>)
        /// that says whether a result counts as a failure. For <c>HttpResponseMessage</c> results without a predicate,
        /// 408, 429 and every 5xx status are failures.
        /// </summary>
        public string? HandleOnResult { get; set; }

        /// <summary>
        /// The name of a <c>static void M(CircuitBreakerStateChangedEventArgs change)</c> method of the containing type, called
        /// after each state change of this breaker.
        /// </summary>
        public string? OnStateChange { get; set; }
    }
}
