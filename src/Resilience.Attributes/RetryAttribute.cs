using System;

namespace Resilience
{
    /// <summary>
    /// Retries the method when its implementation throws (or returns a result named a failure by <see cref="RetryOnResult"/>). The generator writes the retry loop into the body
    /// of the partial method; the implementation is the method named <c>{Name}Core</c>.
    /// </summary>
    /// <remarks>
    /// A retry never follows an <see cref="OperationCanceledException"/> caused by the caller's token.
    /// When retries are exhausted the last exception propagates unchanged, with its original stack trace.
    /// Values can be overridden at run time under <c>Resilience:Policies:&lt;name&gt;:Retry:&lt;Property&gt;</c>.
    /// <para>
    /// On a class, the attribute applies to each partial method there that the generator completes (on a
    /// <see cref="ResilientProxyAttribute"/> class: to every method it forwards). Per policy kind, an attribute on the
    /// method wins over one on the class; <see cref="NoClassPoliciesAttribute"/> opts a method out.
    /// </para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class RetryAttribute : Attribute
    {
        /// <summary>Retries after the first attempt (default 3; 0 disables retrying).</summary>
        public int MaxRetries { get; set; } = 3;

        /// <summary>The base delay in milliseconds (default 1000).</summary>
        public int BaseDelayMs { get; set; } = 1000;

        /// <summary>The largest delay between two attempts, in milliseconds (default 60000).</summary>
        public int MaxDelayMs { get; set; } = 60_000;

        /// <summary>How delays grow (default <see cref="Resilience.Backoff.Exponential"/>).</summary>
        public Backoff Backoff { get; set; } = Backoff.Exponential;

        /// <summary>The growth factor for <see cref="Resilience.Backoff.Exponential"/> (default 2.0).</summary>
        public double ExponentialBase { get; set; } = 2.0;

        /// <summary>Randomness applied to each delay (default <see cref="Resilience.Jitter.Full"/>).</summary>
        public Jitter Jitter { get; set; } = Jitter.Full;

        /// <summary>
        /// The budget for the sum of all delays, in milliseconds (default 0 = no budget). When the next delay would pass it,
        /// the call throws <c>RetryBudgetExceededException</c> whose inner exception is the last failure.
        /// </summary>
        public int MaxTotalDelayMs { get; set; }

        /// <summary>Exception types (and their subclasses) that are retried; empty means every exception.</summary>
        public Type[] RetryOn { get; set; } = Array.Empty<Type>();

        /// <summary>Exception types (and their subclasses) that are never retried; they win over <see cref="RetryOn"/>.</summary>
        public Type[] AbortOn { get; set; } = Array.Empty<Type>();

        /// <summary>
        /// The name of a <c>static bool M(Exception)</c> method of the containing type (use <c>nameof</c>) that decides
        /// whether an exception is retried, after <see cref="RetryOn"/> and <see cref="AbortOn"/> have let it through.
        /// </summary>
        public string? ShouldRetry { get; set; }

        /// <summary>
        /// The name of a <c>bool M(TResult result)</c> method of the containing type (static or instance; use <c>nameof</c>)
        /// that says whether a result is a failure to retry. When retries end on such a result, that result is returned.
        /// For <c>HttpResponseMessage</c> results without a predicate, 408, 429 and every 5xx status are retried.
        /// </summary>
        public string? RetryOnResult { get; set; }

        /// <summary>
        /// The name of a method of the containing type that returns the delay the server asked for (<c>TimeSpan?</c>;
        /// <see langword="null"/> = use the computed delay): <c>TimeSpan? M(TResult result)</c> and/or
        /// <c>TimeSpan? M(Exception exception)</c>. The delay replaces the computed one, is capped at <see cref="MaxDelayMs"/> and
        /// counts against <see cref="MaxTotalDelayMs"/>. <c>HttpResponseMessage</c> results honour <c>Retry-After</c> without it.
        /// </summary>
        public string? RetryAfter { get; set; }

        /// <summary>
        /// The name of a <c>void M(RetryAttempt&lt;TResult&gt; attempt)</c> method of the containing type (static or instance;
        /// <c>void M(RetryAttempt attempt)</c> for methods without a result), called before the delay of each retry.
        /// </summary>
        public string? OnRetry { get; set; }
    }
}
