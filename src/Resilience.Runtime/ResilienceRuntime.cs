using System;
using System.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Resilience
{
    /// <summary>Process-wide settings of the runtime that generated code calls.</summary>
    public static class ResilienceRuntime
    {
        private static readonly AsyncLocal<TimeProvider?> s_flowTimeProvider = new AsyncLocal<TimeProvider?>();
        private static TimeProvider s_timeProvider = TimeProvider.System;

        // Number of flow clocks installed and not yet disposed: while it is 0 the AsyncLocal is never read.
        private static int s_flowTimeProviders;
        private static ILoggerFactory s_loggerFactory = NullLoggerFactory.Instance;
        private static ILogger s_logger = NullLogger.Instance;

        // Bit (1 << PolicyKind) set = that kind is switched off. One volatile read on the hot path.
        private static int s_disabledKinds;

        /// <summary>
        /// The clock used for every delay, timeout and break duration (default <see cref="TimeProvider.System"/>):
        /// the clock installed for the current asynchronous flow with <see cref="UseTimeProvider"/> if there is one,
        /// otherwise the process-wide clock. Setting it replaces the process-wide clock.
        /// </summary>
        public static TimeProvider TimeProvider
        {
            get
            {
                if (Volatile.Read(ref s_flowTimeProviders) != 0 && s_flowTimeProvider.Value is { } flow)
                {
                    return flow;
                }

                return Volatile.Read(ref s_timeProvider);
            }

            set => Volatile.Write(ref s_timeProvider, value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>
        /// Installs <paramref name="timeProvider"/> as the clock of the current asynchronous flow (this method's caller and
        /// everything it awaits or starts), leaving the process-wide clock and every other flow alone, until the returned
        /// scope is disposed. Tests that fake time run in parallel this way: each installs its own fake clock, and the
        /// policies, breakers and stores it calls read that clock. While no flow clock is installed, reading
        /// <see cref="TimeProvider"/> costs one extra integer read.
        /// </summary>
        /// <remarks>
        /// Breakers and bulkheads are shared process-wide by name and read the clock of the flow that calls them, so parallel
        /// tests with different clocks should give their policies different names.
        /// </remarks>
        public static IDisposable UseTimeProvider(TimeProvider timeProvider)
        {
            if (timeProvider is null)
            {
                throw new ArgumentNullException(nameof(timeProvider));
            }

            return new FlowTimeProviderScope(timeProvider);
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

        private sealed class FlowTimeProviderScope : IDisposable
        {
            private readonly TimeProvider? _previous;
            private int _disposed;

            public FlowTimeProviderScope(TimeProvider timeProvider)
            {
                _previous = s_flowTimeProvider.Value;
                s_flowTimeProvider.Value = timeProvider;
                Interlocked.Increment(ref s_flowTimeProviders);
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    s_flowTimeProvider.Value = _previous;
                    Interlocked.Decrement(ref s_flowTimeProviders);
                }
            }
        }
    }
}
