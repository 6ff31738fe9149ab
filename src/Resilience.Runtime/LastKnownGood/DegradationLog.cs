using System;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>The runtime's log events about degraded answers and last-known-good values (event IDs 100–109).</summary>
    internal static partial class DegradationLog
    {
        [LoggerMessage(EventId = 100, EventName = "DegradedAnswer", Level = LogLevel.Warning, Message = "'{PolicyName}' answered at level {Level} from {Source} (stale {StaleAgeSeconds} s) after {ExceptionType}.")]
        public static partial void DegradedAnswer(ILogger logger, string policyName, DegradationLevel level, string source, double staleAgeSeconds, string exceptionType);

        [LoggerMessage(EventId = 101, EventName = "LastKnownGoodTooOld", Level = LogLevel.Warning, Message = "'{PolicyName}' has a last known good value {AgeSeconds} s old, older than its maximum age of {MaxAgeSeconds} s; it was not served.")]
        public static partial void TooOld(ILogger logger, string policyName, double ageSeconds, int maxAgeSeconds);

        [LoggerMessage(EventId = 102, EventName = "LastKnownGoodWriteFailed", Level = LogLevel.Error, Message = "'{PolicyName}' could not store its last known good value under '{Key}' in store '{StoreName}'; the previous value stays.")]
        public static partial void WriteFailed(ILogger logger, string policyName, string key, string storeName, Exception exception);

        [LoggerMessage(EventId = 103, EventName = "LastKnownGoodReadFailed", Level = LogLevel.Error, Message = "'{PolicyName}' could not read its last known good value under '{Key}' from store '{StoreName}'; the failure propagates.")]
        public static partial void ReadFailed(ILogger logger, string policyName, string key, string storeName, Exception exception);

        [LoggerMessage(EventId = 104, EventName = "DegradedHandlerFailed", Level = LogLevel.Error, Message = "A DegradationMonitor.Degraded handler threw for '{PolicyName}'.")]
        public static partial void HandlerFailed(ILogger logger, string policyName, Exception exception);
    }
}
