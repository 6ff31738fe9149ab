using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>The runtime's log events about fault injection (event IDs 110–119).</summary>
    internal static partial class ChaosLog
    {
        [LoggerMessage(EventId = 110, EventName = "ChaosInjected", Level = LogLevel.Information, Message = "Chaos: injected {Kind} into '{PolicyName}'.")]
        public static partial void Injected(ILogger logger, string kind, string policyName);

        [LoggerMessage(EventId = 111, EventName = "ChaosConfigurationInvalid", Level = LogLevel.Error, Message = "Chaos configuration '{Key}' is invalid and was ignored: {Reason}")]
        public static partial void Invalid(ILogger logger, string key, string reason);

        [LoggerMessage(EventId = 112, EventName = "ChaosKeyUnknown", Level = LogLevel.Warning, Message = "Chaos key '{Key}' matches no resilient method registered so far; it applies once a matching method runs.")]
        public static partial void UnknownKey(ILogger logger, string key);

        [LoggerMessage(EventId = 113, EventName = "ChaosActive", Level = LogLevel.Warning, Message = "Chaos is active for: {Keys}.")]
        public static partial void Active(ILogger logger, string keys);
    }
}
