using System;
using System.Collections.Generic;
using System.Globalization;

namespace Resilience
{
    /// <summary>
    /// Builds options from the attribute's values with configured properties (strings, as configuration holds them) laid over
    /// them. Reflection-free, so it stays trimming- and AOT-safe. Exception type lists (<c>RetryOn</c>, <c>HandleOn</c>…) and
    /// method names are compile-time only and cannot be configured.
    /// </summary>
    internal static class PolicyOptionsBinder
    {
        /// <summary>The key of an overall timeout's milliseconds in a <c>Timeout</c> section.</summary>
        public const string OverallMs = "OverallMs";

        public static RetryOptions BindRetry(RetryOptions defaults, IReadOnlyDictionary<string, string> values, string name)
        {
            var reader = new Reader(values, PolicyKind.Retry, name);
            var options = new RetryOptions
            {
                MaxRetries = reader.Int(nameof(RetryOptions.MaxRetries), defaults.MaxRetries),
                BaseDelayMs = reader.Int(nameof(RetryOptions.BaseDelayMs), defaults.BaseDelayMs),
                MaxDelayMs = reader.Int(nameof(RetryOptions.MaxDelayMs), defaults.MaxDelayMs),
                Backoff = reader.Enum(nameof(RetryOptions.Backoff), defaults.Backoff),
                ExponentialBase = reader.Double(nameof(RetryOptions.ExponentialBase), defaults.ExponentialBase),
                Jitter = reader.Enum(nameof(RetryOptions.Jitter), defaults.Jitter),
                MaxTotalDelayMs = reader.Int(nameof(RetryOptions.MaxTotalDelayMs), defaults.MaxTotalDelayMs),
                Exceptions = defaults.Exceptions,
                ShouldRetry = defaults.ShouldRetry,
            };
            reader.RejectUnknown();
            return options;
        }

        public static TimeoutOptions BindTimeout(TimeoutOptions defaults, IReadOnlyDictionary<string, string> values, string name, bool hasAttemptSibling)
        {
            // One section configures both timeouts of a method: Ms the attempt timeout, OverallMs the overall one. An overall
            // timeout that is the only timeout of its name takes Ms as well (OverallMs wins when both are given).
            var reader = new Reader(values, PolicyKind.Timeout, name);
            int attemptMs = reader.Int(nameof(TimeoutOptions.Ms), defaults.Ms);
            int overallMs = reader.Int(OverallMs, defaults.Ms);
            int ms = defaults.Scope != TimeoutScope.Overall ? attemptMs
                : reader.Has(OverallMs) || hasAttemptSibling ? overallMs
                : attemptMs;
            reader.RejectUnknown();
            return new TimeoutOptions { Ms = ms, Scope = defaults.Scope };
        }

        public static FallbackOptions BindFallback(FallbackOptions defaults, IReadOnlyDictionary<string, string> values, string name)
        {
            // Fallback has nothing to configure but the global switch; say so instead of ignoring the values silently.
            new Reader(values, PolicyKind.Fallback, name).RejectUnknown();
            return defaults;
        }

        public static CircuitBreakerOptions BindCircuitBreaker(CircuitBreakerOptions defaults, IReadOnlyDictionary<string, string> values, string name)
        {
            var reader = new Reader(values, PolicyKind.CircuitBreaker, name);
            var options = new CircuitBreakerOptions
            {
                FailureThreshold = reader.Int(nameof(CircuitBreakerOptions.FailureThreshold), defaults.FailureThreshold),
                SamplingDurationMs = reader.Int(nameof(CircuitBreakerOptions.SamplingDurationMs), defaults.SamplingDurationMs),
                FailureRatio = reader.Double(nameof(CircuitBreakerOptions.FailureRatio), defaults.FailureRatio),
                MinimumThroughput = reader.Int(nameof(CircuitBreakerOptions.MinimumThroughput), defaults.MinimumThroughput),
                BreakDurationMs = reader.Int(nameof(CircuitBreakerOptions.BreakDurationMs), defaults.BreakDurationMs),
                HalfOpenSuccesses = reader.Int(nameof(CircuitBreakerOptions.HalfOpenSuccesses), defaults.HalfOpenSuccesses),
                SamplingCalls = reader.Int(nameof(CircuitBreakerOptions.SamplingCalls), defaults.SamplingCalls),
                SlowCallMs = reader.Int(nameof(CircuitBreakerOptions.SlowCallMs), defaults.SlowCallMs),
                SlowCallRatio = reader.Double(nameof(CircuitBreakerOptions.SlowCallRatio), defaults.SlowCallRatio),
                Exceptions = defaults.Exceptions,
            };
            reader.RejectUnknown();
            return options;
        }

        public static BulkheadOptions BindBulkhead(BulkheadOptions defaults, IReadOnlyDictionary<string, string> values, string name)
        {
            var reader = new Reader(values, PolicyKind.Bulkhead, name);
            var options = new BulkheadOptions
            {
                MaxConcurrency = reader.Int(nameof(BulkheadOptions.MaxConcurrency), defaults.MaxConcurrency),
                MaxQueue = reader.Int(nameof(BulkheadOptions.MaxQueue), defaults.MaxQueue),
            };
            reader.RejectUnknown();
            return options;
        }

        private sealed class Reader
        {
            private readonly IReadOnlyDictionary<string, string> _values;
            private readonly PolicyKind _kind;
            private readonly string _name;
            private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

            public Reader(IReadOnlyDictionary<string, string> values, PolicyKind kind, string name)
            {
                _values = values;
                _kind = kind;
                _name = name;
            }

            public int Int(string property, int fallback) =>
                TryGet(property, out string? text)
                    ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Invalid(property, text, "an integer")
                    : fallback;

            public double Double(string property, double fallback) =>
                TryGet(property, out string? text)
                    ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && !double.IsNaN(value) ? value : throw Invalid(property, text, "a number")
                    : fallback;

            public TEnum Enum<TEnum>(string property, TEnum fallback)
                where TEnum : struct, Enum
            {
                if (!TryGet(property, out string? text))
                {
                    return fallback;
                }

                if (System.Enum.TryParse(text, ignoreCase: true, out TEnum value) && System.Enum.IsDefined(value) && !char.IsDigit(text.Trim()[0]))
                {
                    return value;
                }

                throw Invalid(property, text, "one of " + string.Join(", ", System.Enum.GetNames<TEnum>()));
            }

            public bool Has(string property) => _values.TryGetValue(property, out string? value) && !string.IsNullOrWhiteSpace(value);

            public void RejectUnknown()
            {
                foreach (string key in _values.Keys)
                {
                    if (!_used.Contains(key))
                    {
                        throw new FormatException($"{Path(key)} is not a setting of {_kind} policies.");
                    }
                }
            }

            private bool TryGet(string property, out string text)
            {
                _used.Add(property);
                if (_values.TryGetValue(property, out string? value) && !string.IsNullOrWhiteSpace(value))
                {
                    text = value;
                    return true;
                }

                text = string.Empty;
                return false;
            }

            private FormatException Invalid(string property, string text, string expected) =>
                new FormatException($"{Path(property)} = '{text}' is not {expected}.");

            private string Path(string property) => $"Resilience:Policies:{_name}:{_kind}:{property}";
        }
    }
}
