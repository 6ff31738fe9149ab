using Microsoft.Extensions.Logging;

namespace Resilience.Runtime.Tests.Telemetry;

internal sealed record LogEntry(string Category, LogLevel Level, string? EventName, string Message, Exception? Exception);

/// <summary>An ILoggerFactory that records what is logged at or above <see cref="MinimumLevel"/>.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<LogEntry> _entries = new();

    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    public int IsEnabledCalls;

    public IReadOnlyList<LogEntry> Entries
    {
        get { lock (_entries) { return _entries.ToArray(); } }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    private sealed class Logger(RecordingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            Interlocked.Increment(ref owner.IsEnabledCalls);
            return logLevel >= owner.MinimumLevel;
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (owner._entries)
            {
                owner._entries.Add(new LogEntry(category, logLevel, eventId.Name, formatter(state, exception), exception));
            }
        }
    }
}
