using System;

namespace Resilience
{
    /// <summary>
    /// What fault injection does to the calls of one method (or a group of methods): configuration section
    /// <c>Resilience:Chaos:&lt;key&gt;</c>, or <see cref="ResilienceChaos.Enable"/> in tests.
    /// </summary>
    /// <remarks>
    /// Per call, in this order: with probability <see cref="LatencyRate"/> the call waits <see cref="LatencyMs"/> first (on
    /// <see cref="ResilienceRuntime.TimeProvider"/>, cancellable by the attempt's token, so a <c>[Timeout]</c> sees it); then,
    /// with probability <see cref="FaultRate"/>, it throws the configured exception instead of running; otherwise, with
    /// probability <see cref="ResultRate"/>, it returns <see cref="Result"/> instead of running. Everything happens inside the
    /// policies, right around the implementation call, so retries, breakers, fallbacks and last known good values react.
    /// </remarks>
    public sealed class ChaosOptions
    {
        /// <summary>The probability (0 to 1) that a call throws instead of running (default 0).</summary>
        public double FaultRate { get; init; }

        /// <summary>
        /// The exception to throw: a type name known to <see cref="ResilienceChaos.RegisterException"/> (built in:
        /// <c>Exception</c>, <c>TimeoutException</c>, <c>HttpRequestException</c>, <c>IOException</c>, <c>SocketException</c>,
        /// <c>InvalidOperationException</c>, <c>ChaosFaultException</c>; short or full names). Default: <see cref="ChaosFaultException"/>.
        /// </summary>
        public string? ExceptionType { get; init; }

        /// <summary>The message of the injected exception (default: names the method).</summary>
        public string? ExceptionMessage { get; init; }

        /// <summary>Builds the exception to throw (tests); wins over <see cref="ExceptionType"/>. Receives the method's policy name.</summary>
        public Func<string, Exception>? ExceptionFactory { get; init; }

        /// <summary>The latency to add before the call, in milliseconds (default 0: none).</summary>
        public int LatencyMs { get; init; }

        /// <summary>The probability (0 to 1) that a call gets <see cref="LatencyMs"/> (default 1).</summary>
        public double LatencyRate { get; init; } = 1.0;

        /// <summary>A result to return instead of running, as JSON of the method's result type (default none).</summary>
        public string? Result { get; init; }

        /// <summary>The probability (0 to 1) that a call that did not fault returns <see cref="Result"/> (default 1).</summary>
        public double ResultRate { get; init; } = 1.0;

        /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="key"/> when a value is out of range or unknown.</summary>
        public void Validate(string key)
        {
            Rate(FaultRate, nameof(FaultRate), key);
            Rate(LatencyRate, nameof(LatencyRate), key);
            Rate(ResultRate, nameof(ResultRate), key);
            if (LatencyMs < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(LatencyMs), LatencyMs, $"Chaos '{key}': LatencyMs must be 0 or more.");
            }

            if (ExceptionFactory is null && ExceptionType is { } type && !ResilienceChaos.IsKnownException(type))
            {
                throw new ArgumentException(
                    $"Chaos '{key}': ExceptionType '{type}' is not a known exception type; register it with ResilienceChaos.RegisterException.", nameof(ExceptionType));
            }
        }

        private static void Rate(double value, string property, string key)
        {
            if (!(value >= 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(property, value, $"Chaos '{key}': {property} must be between 0 and 1.");
            }
        }
    }
}
