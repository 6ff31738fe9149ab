using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>
    /// Instruments of graceful degradation on the <c>Resilience</c> meter. Like the rest of the runtime's telemetry, each
    /// measurement is guarded by its instrument's <c>Enabled</c> flag, and only degraded or failing paths record anything.
    /// </summary>
    public static class DegradationTelemetry
    {
        /// <summary>Counter: answers given by a last known good value or a fallback instead of the primary (tags: policy, level, source).</summary>
        public const string DegradedAnswers = "resilience.degraded.answers";

        /// <summary>Histogram, seconds: the age of each last known good value served.</summary>
        public const string StaleAge = "resilience.degraded.stale_age";

        /// <summary>Counter: failures for which the stored last known good value was older than its maximum age.</summary>
        public const string StaleRejected = "resilience.lastknowngood.stale_rejected";

        /// <summary>Counter: last known good values that could not be written to the store.</summary>
        public const string WriteFailures = "resilience.lastknowngood.write_failures";

        /// <summary>Tag: the degradation level (<see cref="DegradationLevel"/> name).</summary>
        public const string LevelTag = "resilience.degradation.level";

        /// <summary>Tag: what answered (<c>LastKnownGood</c> or the fallback method's name).</summary>
        public const string SourceTag = "resilience.degradation.source";

        private static readonly Counter<long> s_degraded = ResilienceTelemetry.Meter.CreateCounter<long>(DegradedAnswers, "{answer}", "Answers given by a last known good value or a fallback instead of the primary.");
        private static readonly Histogram<double> s_staleAge = ResilienceTelemetry.Meter.CreateHistogram<double>(StaleAge, "s", "Age of the last known good values served.");
        private static readonly Counter<long> s_staleRejected = ResilienceTelemetry.Meter.CreateCounter<long>(StaleRejected, "{call}", "Last known good values too old to serve.");
        private static readonly Counter<long> s_writeFailures = ResilienceTelemetry.Meter.CreateCounter<long>(WriteFailures, "{write}", "Last known good values that could not be stored.");

        /// <summary>Records a degraded answer: meter, activity event, log, <see cref="DegradationMonitor"/> and the open <see cref="DegradationScope"/>s.</summary>
        public static void OnDegraded(DegradedAnswer answer)
        {
            if (answer is null)
            {
                throw new ArgumentNullException(nameof(answer));
            }

            if (s_degraded.Enabled)
            {
                s_degraded.Add(
                    1,
                    new KeyValuePair<string, object?>(ResilienceTelemetry.PolicyNameTag, answer.PolicyName),
                    new KeyValuePair<string, object?>(LevelTag, answer.Level.ToString()),
                    new KeyValuePair<string, object?>(SourceTag, answer.Source));
            }

            if (answer.StaleAge is { } age && s_staleAge.Enabled)
            {
                s_staleAge.Record(age.TotalSeconds, new KeyValuePair<string, object?>(ResilienceTelemetry.PolicyNameTag, answer.PolicyName));
            }

            if (Activity.Current is { IsAllDataRequested: true } activity)
            {
                activity.AddEvent(new ActivityEvent("resilience.degraded", tags: new ActivityTagsCollection
                {
                    { ResilienceTelemetry.PolicyNameTag, answer.PolicyName },
                    { LevelTag, answer.Level.ToString() },
                    { SourceTag, answer.Source },
                    { "resilience.degradation.stale_age_s", answer.StaleAge?.TotalSeconds },
                    { ResilienceTelemetry.ExceptionTypeTag, answer.Exception.GetType().FullName },
                }));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                DegradationLog.DegradedAnswer(
                    logger, answer.PolicyName, answer.Level, answer.Source, answer.StaleAge?.TotalSeconds ?? 0, answer.Exception.GetType().Name);
            }

            DegradationMonitor.OnDegraded(answer);
        }

        internal static void OnTooOld(string policyName, TimeSpan age, int maxAgeSeconds)
        {
            if (s_staleRejected.Enabled)
            {
                s_staleRejected.Add(1, new KeyValuePair<string, object?>(ResilienceTelemetry.PolicyNameTag, policyName));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Warning))
            {
                DegradationLog.TooOld(logger, policyName, Math.Round(age.TotalSeconds, 1), maxAgeSeconds);
            }

            DegradationMonitor.OnStaleRejected(policyName);
        }

        internal static void OnWriteFailed(string policyName, string key, string storeName, Exception exception)
        {
            if (s_writeFailures.Enabled)
            {
                s_writeFailures.Add(1, new KeyValuePair<string, object?>(ResilienceTelemetry.PolicyNameTag, policyName));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Error))
            {
                DegradationLog.WriteFailed(logger, policyName, key, storeName, exception);
            }
        }

        internal static void OnReadFailed(string policyName, string key, string storeName, Exception exception)
        {
            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Error))
            {
                DegradationLog.ReadFailed(logger, policyName, key, storeName, exception);
            }
        }

        internal static void OnHandlerFailed(string policyName, Exception exception)
        {
            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Error))
            {
                DegradationLog.HandlerFailed(logger, policyName, exception);
            }
        }
    }
}
