using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Resilience
{
    /// <summary>
    /// Named circuit breakers. <see cref="Default"/> is the process-wide registry that generated code uses: methods whose
    /// <see cref="CircuitBreakerAttribute.Name"/> is equal share one breaker. Use it to look breakers up, isolate or reset them,
    /// watch their transitions and build a health report.
    /// </summary>
    public sealed class CircuitBreakerRegistry
    {
        private readonly ConcurrentDictionary<string, CircuitBreaker> _breakers = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private readonly bool _isDefault;

        /// <summary>Creates an empty registry (for tests or separate groups of breakers; configuration applies to <see cref="Default"/> only).</summary>
        public CircuitBreakerRegistry()
        {
        }

        private CircuitBreakerRegistry(bool isDefault)
        {
            _isDefault = isDefault;
        }

        /// <summary>The process-wide registry that <see cref="CircuitBreakerPolicy"/> and configuration use.</summary>
        public static CircuitBreakerRegistry Default { get; } = new CircuitBreakerRegistry(isDefault: true);

        /// <summary>Raised after a state change of any breaker in the registry (after the breaker's own event).</summary>
        public event EventHandler<CircuitBreakerStateChangedEventArgs>? StateChanged;

        /// <summary>The breakers, ordered by name (ordinal).</summary>
        public IReadOnlyList<CircuitBreaker> Breakers
        {
            get
            {
                var list = new List<CircuitBreaker>(_breakers.Values);
                list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                return list;
            }
        }

        /// <summary>The breaker named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
        public CircuitBreaker this[string name] =>
            TryGet(name, out CircuitBreaker? breaker) ? breaker : throw new KeyNotFoundException($"No circuit breaker is named '{name}'.");

        /// <summary>
        /// Gets the breaker named <paramref name="name"/>, creating it with <paramref name="options"/> when there is none.
        /// The first registration's options win: later callers get the existing breaker whatever options they pass
        /// (configuration overrides still apply to it by name).
        /// </summary>
        public CircuitBreaker GetOrAdd(string name, CircuitBreakerOptions options)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            if (name.Length == 0)
            {
                throw new ArgumentException("A circuit breaker needs a name.", nameof(name));
            }

            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate(name);
            if (_breakers.TryGetValue(name, out CircuitBreaker? existing))
            {
                return existing;
            }

            CircuitBreaker created;
            lock (_gate)
            {
                if (_breakers.TryGetValue(name, out existing))
                {
                    return existing;
                }

                created = new CircuitBreaker(name, options, this);
                _breakers[name] = created;
            }

            if (_isDefault)
            {
                ResiliencePolicyRegistry.Register(created);
            }

            return created;
        }

        /// <summary>Looks a breaker up by name.</summary>
        public bool TryGet(string name, [NotNullWhen(true)] out CircuitBreaker? breaker) =>
            _breakers.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out breaker);

        /// <summary>The state of the breaker named <paramref name="name"/>.</summary>
        public CircuitBreakerState GetState(string name) => this[name].State;

        /// <summary>Isolates the breaker named <paramref name="name"/>; see <see cref="CircuitBreaker.Isolate"/>.</summary>
        public void Isolate(string name) => this[name].Isolate();

        /// <summary>Resets the breaker named <paramref name="name"/>; see <see cref="CircuitBreaker.Reset"/>.</summary>
        public void Reset(string name) => this[name].Reset();

        /// <summary>Resets every breaker.</summary>
        public void ResetAll()
        {
            foreach (CircuitBreaker breaker in _breakers.Values)
            {
                breaker.Reset();
            }
        }

        /// <summary>A snapshot of every breaker's state and counters with an overall status; see <see cref="CircuitBreakerHealthReport"/>.</summary>
        public CircuitBreakerHealthReport GetHealthReport()
        {
            IReadOnlyList<CircuitBreaker> breakers = Breakers;
            var entries = new CircuitBreakerHealthEntry[breakers.Count];
            for (int i = 0; i < entries.Length; i++)
            {
                CircuitBreaker breaker = breakers[i];
                entries[i] = new CircuitBreakerHealthEntry(breaker.Statistics, breaker.RetryAfter);
            }

            return new CircuitBreakerHealthReport(ResilienceRuntime.TimeProvider.GetUtcNow(), entries);
        }

        internal void OnStateChanged(CircuitBreaker breaker, CircuitBreakerStateChangedEventArgs change) => breaker.Raise(StateChanged, change);
    }
}
