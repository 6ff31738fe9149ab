namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules of <c>[CircuitBreaker]</c>: its ranges (RES0007), exception lists (RES0008), the count-based window
    /// (RES0034) and the slow-call ratio (RES0037).
    /// </summary>
    internal static class CircuitBreakerUsage
    {
        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.String("Name"),
            ArgumentRule.Int("FailureThreshold", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("SamplingDurationMs", v => v >= 0, "it must be 0 (consecutive failures) or more"),
            ArgumentRule.Double("FailureRatio", v => v >= 0 && v <= 1, "it must be 0 (off) or a ratio in (0, 1]"),
            ArgumentRule.Int("MinimumThroughput", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("BreakDurationMs", v => v >= 1, "it must be 1 or more (a breaker that never stays open protects nothing)"),
            ArgumentRule.Int("HalfOpenSuccesses", v => v >= 1, "it must be 1 or more"),
            ArgumentRule.Int("SamplingCalls", v => v >= 0, "it must be 0 (off) or more"),
            ArgumentRule.Int("SlowCallMs", v => v >= 0, "it must be 0 (off) or more"),
            ArgumentRule.Double("SlowCallRatio", v => v >= 0 && v <= 1, "it must be 0 (slow calls count as failures) or a ratio in (0, 1]"),
            ArgumentRule.ExceptionTypes("HandleOn"),
            ArgumentRule.ExceptionTypes("IgnoreOn"),
        };

        /// <summary>
        /// RES0034: <c>SamplingCalls</c> samples calls for <c>FailureRatio</c> and replaces <c>SamplingDurationMs</c>.
        /// RES0037: <c>SlowCallRatio</c> needs <c>SlowCallMs</c> and a ratio window.
        /// </summary>
        public static void CheckWindow(ArgumentValues values)
        {
            string method = values.Method.Name;
            bool ratio = OutcomeMethods.Double(values.Attribute, "FailureRatio") > 0;
            if (values.Int("SamplingCalls", 0) > 0)
            {
                if (!ratio)
                {
                    values.Report.Report(UsageDescriptors.InvalidSamplingCalls, values.NamedLocation("SamplingCalls"), method, "without FailureRatio: add the ratio it samples calls for");
                }
                else if (values.Int("SamplingDurationMs", 0) > 0)
                {
                    values.Report.Report(UsageDescriptors.InvalidSamplingCalls, values.NamedLocation("SamplingCalls"), method, "together with SamplingDurationMs: a window counts either calls or time");
                }
            }

            if (OutcomeMethods.Double(values.Attribute, "SlowCallRatio") > 0)
            {
                if (values.Int("SlowCallMs", 0) <= 0)
                {
                    values.Report.Report(UsageDescriptors.InvalidSlowCallRatio, values.NamedLocation("SlowCallRatio"), method, "without SlowCallMs: say how long a slow call takes");
                }
                else if (!ratio)
                {
                    values.Report.Report(UsageDescriptors.InvalidSlowCallRatio, values.NamedLocation("SlowCallRatio"), method, "without FailureRatio: slow calls are counted in a ratio window; without SlowCallRatio they count as failures");
                }
            }
        }
    }
}
