using System;
using System.Threading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Resilience
{
    /// <summary>
    /// Applies the <c>Resilience</c> configuration section to every policy, now and on each reload:
    /// <list type="bullet">
    /// <item><c>Resilience:Policies:&lt;name&gt;:&lt;Attribute&gt;:&lt;Property&gt;</c> overrides one attribute property of the policies named
    /// <c>&lt;name&gt;</c> (Attribute = <c>Retry</c>, <c>CircuitBreaker</c>, <c>Timeout</c>, <c>Bulkhead</c>, <c>Fallback</c>). <c>&lt;name&gt;</c> may
    /// also be <c>*</c> (every policy of that kind) or a dotted prefix such as a namespace or type; the most specific value wins.</item>
    /// <item><c>Resilience:Enabled:&lt;Attribute&gt;</c> = <c>false</c> switches that kind off (see <see cref="ResilienceRuntime.SetEnabled"/>).</item>
    /// <item><c>Resilience:Chaos:&lt;key&gt;:&lt;Property&gt;</c> injects faults (see <see cref="ResilienceChaos"/>).</item>
    /// </list>
    /// Only one configuration is bound at a time: binding another replaces it.
    /// </summary>
    public static class ResilienceConfiguration
    {
        /// <summary>The name of the configuration section: <c>Resilience</c>.</summary>
        public const string SectionName = "Resilience";

        private static Binding? s_current;

        /// <summary>
        /// Applies <paramref name="configuration"/> now and after every reload until the returned object is disposed; disposing it
        /// removes the overrides and switches every kind back on. <paramref name="configuration"/> is either the root (its
        /// <c>Resilience</c> section is read) or the <c>Resilience</c> section itself.
        /// </summary>
        public static IDisposable Bind(IConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            var binding = new Binding(SectionOf(configuration));
            Interlocked.Exchange(ref s_current, binding)?.Stop();
            binding.Start();
            return binding;
        }

        /// <summary>Applies <paramref name="configuration"/> once, without watching for reloads.</summary>
        public static void Apply(IConfiguration configuration)
        {
            if (configuration is null)
            {
                throw new ArgumentNullException(nameof(configuration));
            }

            IConfiguration section = SectionOf(configuration);
            ResiliencePolicyRegistry.Apply(ResilienceSettings.FromConfiguration(section, ResilienceRuntime.Logger));
            ResilienceChaos.ApplyFromResilienceSection(section);
        }

        /// <summary>Stops watching the bound configuration, removes every configured override and switches every kind back on.</summary>
        public static void Clear()
        {
            Interlocked.Exchange(ref s_current, null)?.Stop();
            ResiliencePolicyRegistry.Apply(ResilienceSettings.Empty);
            ResilienceChaos.Clear();
        }

        private static IConfiguration SectionOf(IConfiguration configuration) =>
            configuration is IConfigurationSection section && string.Equals(section.Key, SectionName, StringComparison.OrdinalIgnoreCase)
                ? section
                : configuration.GetSection(SectionName);

        private sealed class Binding : IDisposable
        {
            private readonly IConfiguration _section;
            private IDisposable? _subscription;
            private int _stopped;

            public Binding(IConfiguration section)
            {
                _section = section;
            }

            public void Start()
            {
                _subscription = ChangeToken.OnChange(_section.GetReloadToken, Reload);
                Reload();
            }

            public void Stop()
            {
                if (Interlocked.Exchange(ref _stopped, 1) == 0)
                {
                    _subscription?.Dispose();
                }
            }

            public void Dispose()
            {
                Stop();
                if (Interlocked.CompareExchange(ref s_current, null, this) == this)
                {
                    Clear();
                }
            }

            private void Reload()
            {
                if (Volatile.Read(ref _stopped) == 0)
                {
                    ResiliencePolicyRegistry.Apply(ResilienceSettings.FromConfiguration(_section, ResilienceRuntime.Logger));
                    ResilienceChaos.ApplyFromResilienceSection(_section);
                }
            }
        }
    }
}
