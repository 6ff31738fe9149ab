using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>The configuration of the self-healing service: its components, probe interval and escalation path.</summary>
    public sealed class SelfHealingOptions
    {
        private readonly List<SelfHealingComponentOptions> _components = new();

        /// <summary>How often every component is probed (default 10 s). A trigger breaker opening starts a round at once.</summary>
        public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Called once when a component's recoveries failed <see cref="SelfHealingComponentOptions.MaxConsecutiveFailedRecoveries"/>
        /// times in a row: page a human. Bounded by the component's action timeout; an exception is logged.
        /// </summary>
        public Func<SelfHealingEscalation, CancellationToken, Task>? OnEscalation { get; set; }

        /// <summary>The clock of intervals, cooldowns and timeouts (default <see cref="ResilienceRuntime.TimeProvider"/>).</summary>
        public TimeProvider? TimeProvider { get; set; }

        /// <summary>The breakers trigger names refer to (default <see cref="CircuitBreakerRegistry.Default"/>).</summary>
        public CircuitBreakerRegistry Breakers { get; set; } = CircuitBreakerRegistry.Default;

        /// <summary>The components, in the order they were added.</summary>
        public IReadOnlyList<SelfHealingComponentOptions> Components => _components;

        /// <summary>Adds a component named <paramref name="name"/> and configures it.</summary>
        public SelfHealingOptions AddComponent(string name, Action<SelfHealingComponentOptions> configure)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException("A self-healing component needs a name.", nameof(name));
            }

            if (_components.Exists(c => string.Equals(c.Name, name, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"A self-healing component named '{name}' is already added.", nameof(name));
            }

            var component = new SelfHealingComponentOptions(name);
            (configure ?? throw new ArgumentNullException(nameof(configure)))(component);
            component.Validate();
            _components.Add(component);
            return this;
        }

        internal void Validate()
        {
            if (ProbeInterval <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(ProbeInterval), ProbeInterval, "Self-healing: ProbeInterval must be positive.");
            }
        }
    }
}
