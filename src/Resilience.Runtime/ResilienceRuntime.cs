using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Resilience
{
    /// <summary>Process-wide settings of the runtime that generated code calls.</summary>
    public static class ResilienceRuntime
    {
        private static TimeProvider s_timeProvider = TimeProvider.System;
        private static ILoggerFactory s_loggerFactory = NullLoggerFactory.Instance;
        private static ILogger s_logger = NullLogger.Instance;

        // Bit (1 << PolicyKind) set = that kind is switched off. One volatile read on the hot path.
        private static int s_disabledKinds;

        /// <summary>
        /// The clock used for every delay, timeout and break duration (default <see cref="TimeProvider.System"/>).
        /// Tests replace it with a fake provider so that nothing sleeps.
        /// </summary>
        public static TimeProvider TimeProvider
        {
            get => Volatile.Read(ref s_timeProvider);
            set => Volatile.Write(ref s_timeProvider, value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>
        /// The logger factory the runtime writes its events with (category <c>Resilience</c>); default
        /// <see cref="NullLoggerFactory.Instance"/>. <c>AddResilience</c> + <c>UseResilience</c> set it from dependency injection.
        /// </summary>
        public static ILoggerFactory LoggerFactory
        {
            get => Volatile.Read(ref s_loggerFactory);
            set
            {
                ILoggerFactory factory = value ?? throw new ArgumentNullException(nameof(value));
                Volatile.Write(ref s_logger, factory.CreateLogger(ResilienceTelemetry.LoggerCategory));
                Volatile.Write(ref s_loggerFactory, factory);
            }
        }

        internal static ILogger Logger => Volatile.Read(ref s_logger);

        /// <summary>
        /// Whether policies of <paramref name="kind"/> are switched on (the default). A switched-off kind lets every call
        /// straight through: no retries, no timeouts, no breaker or bulkhead checks, no fallbacks.
        /// </summary>
        public static bool IsEnabled(PolicyKind kind) => (Volatile.Read(ref s_disabledKinds) & (1 << (int)kind)) == 0;

        /// <summary>
        /// Switches policies of <paramref name="kind"/> on or off process-wide (for tests and incident response).
        /// Configuration bound with <c>AddResilience</c> sets every switch from <c>Resilience:Enabled:&lt;Kind&gt;</c> on each (re)load.
        /// </summary>
        public static void SetEnabled(PolicyKind kind, bool enabled)
        {
            if ((uint)kind > (uint)PolicyKind.Fallback)
            {
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown policy kind.");
            }

            int bit = 1 << (int)kind;
            int current = Volatile.Read(ref s_disabledKinds);
            while (true)
            {
                int next = enabled ? current & ~bit : current | bit;
                int seen = Interlocked.CompareExchange(ref s_disabledKinds, next, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
