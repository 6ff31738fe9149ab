using System;
using System.Threading;

namespace Resilience
{
    /// <summary>Process-wide settings of the runtime that generated code calls.</summary>
    public static class ResilienceRuntime
    {
        private static TimeProvider s_timeProvider = TimeProvider.System;

        /// <summary>
        /// The clock used for every delay, timeout and break duration (default <see cref="TimeProvider.System"/>).
        /// Tests replace it with a fake provider so that nothing sleeps.
        /// </summary>
        public static TimeProvider TimeProvider
        {
            get => Volatile.Read(ref s_timeProvider);
            set => Volatile.Write(ref s_timeProvider, value ?? throw new ArgumentNullException(nameof(value)));
        }
    }
}
