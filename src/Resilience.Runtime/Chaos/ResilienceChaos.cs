using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Resilience
{
    /// <summary>
    /// Fault injection ("chaos"): faults, latency and substitute results injected inside the policies of chosen methods, so
    /// that retries, breakers, fallbacks and last known good values can be seen working before an incident tests them.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Never active unless configured: <c>Resilience:Chaos:&lt;key&gt;:&lt;ChaosOptions property&gt;</c> (bound with the rest of the
    /// <c>Resilience</c> section by <c>AddResilience</c> / <see cref="ResilienceConfiguration.Bind"/>), or <see cref="Enable"/>
    /// from a test. <c>&lt;key&gt;</c> is a method's policy name (<c>Namespace.Type.Method</c>), a dotted prefix of it (a namespace
    /// or a type), or <c>*</c>; the most specific key wins, and keys given to <see cref="Enable"/> win over configured ones.
    /// </para>
    /// <para>
    /// Generated code calls it right around the implementation call (inside every policy):
    /// <c>if (ResilienceChaos.IsActive) { await ResilienceChaos.InjectAsync(name, ct); if (ResilienceChaos.TryGetResult(name, out T r)) … }</c>.
    /// While nothing is configured that is one static read per call and allocates nothing.
    /// </para>
    /// </remarks>
    public static class ResilienceChaos
    {
        private static readonly object s_gate = new();
        private static readonly ConcurrentDictionary<string, Func<string, Exception>> s_exceptions = CreateBuiltInExceptions();
        private static readonly ConcurrentDictionary<string, byte> s_seen = new(StringComparer.OrdinalIgnoreCase);
        private static readonly Counter<long> s_injected = ResilienceTelemetry.Meter.CreateCounter<long>(Injected, "{injection}", "Faults, latencies and results injected by chaos configuration.");

        private static volatile bool s_active;
        private static Rules s_rules = Rules.Empty;
        private static Dictionary<string, ChaosOptions> s_configured = new(StringComparer.OrdinalIgnoreCase);
        private static Dictionary<string, ChaosOptions> s_enabled = new(StringComparer.OrdinalIgnoreCase);
        private static Random s_random = Random.Shared;

        /// <summary>Counter: injections (tags: policy name, <c>resilience.chaos.kind</c> = fault, latency or result).</summary>
        public const string Injected = "resilience.chaos.injected";

        /// <summary>The name of the configuration section under <c>Resilience</c>: <c>Chaos</c>.</summary>
        public const string SectionName = "Chaos";

        /// <summary>Whether any chaos is configured. The only thing generated code reads while chaos is off.</summary>
        public static bool IsActive => s_active;

        /// <summary>
        /// The source of the probabilities (default <see cref="System.Random.Shared"/>); set a seeded <see cref="System.Random"/>
        /// to replay a chaos run. A non-shared instance is used under a lock.
        /// </summary>
        public static Random Random
        {
            get => Volatile.Read(ref s_random);
            set => Volatile.Write(ref s_random, value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>The keys in force (configured and enabled), ordered.</summary>
        public static IReadOnlyList<string> Keys => Volatile.Read(ref s_rules).Keys;

        /// <summary>
        /// Switches chaos on for <paramref name="key"/> (a policy name, a dotted prefix, or <c>*</c>) until the returned object is
        /// disposed. Meant for tests: <c>using (ResilienceChaos.Enable("MyApp.Agent.FetchMetricsAsync", new() { FaultRate = 1 })) { … }</c>.
        /// </summary>
        public static IDisposable Enable(string key, ChaosOptions options)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A chaos key names a method, a namespace or type prefix, or '*'.", nameof(key));
            }

            options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate(key);
            lock (s_gate)
            {
                s_enabled = new Dictionary<string, ChaosOptions>(s_enabled, StringComparer.OrdinalIgnoreCase) { [key] = options };
                Publish();
            }

            return new Enabled(key, options);
        }

        /// <summary>
        /// Replaces the configured chaos with the entries of <paramref name="chaosSection"/> (the <c>Resilience:Chaos</c> section, or
        /// the <c>Resilience</c> section / root, whose <c>Chaos</c> child is read). An invalid entry is logged and ignored; a key
        /// that matches no method registered so far is logged as a warning.
        /// </summary>
        public static void Configure(IConfiguration chaosSection)
        {
            if (chaosSection is null)
            {
                throw new ArgumentNullException(nameof(chaosSection));
            }

            IConfiguration section = SectionOf(chaosSection);
            ILogger logger = ResilienceRuntime.Logger;
            var configured = new Dictionary<string, ChaosOptions>(StringComparer.OrdinalIgnoreCase);
            foreach (IConfigurationSection entry in section.GetChildren())
            {
                try
                {
                    ChaosOptions options = Bind(entry);
                    options.Validate(entry.Key);
                    configured[entry.Key] = options;
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
                {
                    if (logger.IsEnabled(LogLevel.Error))
                    {
                        ChaosLog.Invalid(logger, entry.Path, ex.Message);
                    }
                }
            }

            lock (s_gate)
            {
                s_configured = configured;
                Publish();
            }

            WarnAboutUnknownKeys(configured.Keys, logger);
        }

        /// <summary>Removes every configured and enabled entry: chaos is off.</summary>
        public static void Clear()
        {
            lock (s_gate)
            {
                s_configured = new Dictionary<string, ChaosOptions>(StringComparer.OrdinalIgnoreCase);
                s_enabled = new Dictionary<string, ChaosOptions>(StringComparer.OrdinalIgnoreCase);
                Publish();
            }
        }

        /// <summary>The keys in force that have not matched any call since they were set (a typo, or a method not called yet).</summary>
        public static IReadOnlyList<string> GetUnmatchedKeys() => Volatile.Read(ref s_rules).Unmatched();

        /// <summary>Makes <paramref name="typeName"/> usable as <see cref="ChaosOptions.ExceptionType"/>; the factory receives the message.</summary>
        public static void RegisterException(string typeName, Func<string, Exception> factory)
        {
            if (string.IsNullOrEmpty(typeName))
            {
                throw new ArgumentException("An exception type name is required.", nameof(typeName));
            }

            s_exceptions[typeName] = factory ?? throw new ArgumentNullException(nameof(factory));
        }

        /// <summary>Whether <paramref name="typeName"/> is a built-in or registered exception type name.</summary>
        public static bool IsKnownException(string typeName) => s_exceptions.ContainsKey(typeName);

        /// <summary>
        /// Injects latency and faults configured for <paramref name="policyName"/>: waits, then throws, or returns. Call only
        /// when <see cref="IsActive"/>.
        /// </summary>
        public static ValueTask InjectAsync(string policyName, CancellationToken cancellationToken)
        {
            Rule? rule = Volatile.Read(ref s_rules).Find(policyName);
            if (rule is null)
            {
                return default;
            }

            if (rule.Options.LatencyMs > 0 && Chance(rule.Options.LatencyRate))
            {
                Record(policyName, "latency");
                return DelayThenFaultAsync(rule, policyName, cancellationToken);
            }

            ThrowIfFault(rule, policyName);
            return default;
        }

        /// <summary>The synchronous form of <see cref="InjectAsync"/> (the latency blocks the thread).</summary>
        public static void Inject(string policyName, CancellationToken cancellationToken)
        {
            ValueTask pending = InjectAsync(policyName, cancellationToken);
            if (!pending.IsCompletedSuccessfully)
            {
                pending.AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>
        /// Whether a substitute result is injected for this call of <paramref name="policyName"/>, and which (deserialized from
        /// <see cref="ChaosOptions.Result"/>). Call only when <see cref="IsActive"/>, after <see cref="InjectAsync"/>.
        /// </summary>
        public static bool TryGetResult<TResult>(string policyName, out TResult result)
        {
            Rule? rule = Volatile.Read(ref s_rules).Find(policyName);
            if (rule?.Options.Result is { } json && Chance(rule.Options.ResultRate))
            {
                result = ResilienceJson.Deserialize<TResult>(System.Text.Encoding.UTF8.GetBytes(json));
                Record(policyName, "result");
                return true;
            }

            result = default!;
            return false;
        }

        internal static void ApplyFromResilienceSection(IConfiguration resilienceSection) => Configure(resilienceSection.GetSection(SectionName));

        private static async ValueTask DelayThenFaultAsync(Rule rule, string policyName, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(rule.Options.LatencyMs), ResilienceRuntime.TimeProvider, cancellationToken).ConfigureAwait(false);
            ThrowIfFault(rule, policyName);
        }

        private static void ThrowIfFault(Rule rule, string policyName)
        {
            if (rule.Options.FaultRate > 0 && Chance(rule.Options.FaultRate))
            {
                Record(policyName, "fault");
                throw rule.CreateException(policyName);
            }
        }

        private static bool Chance(double rate)
        {
            if (rate >= 1)
            {
                return true;
            }

            if (rate <= 0)
            {
                return false;
            }

            Random random = Random;
            if (ReferenceEquals(random, Random.Shared))
            {
                return random.NextDouble() < rate;
            }

            lock (random)
            {
                return random.NextDouble() < rate;
            }
        }

        private static void Record(string policyName, string kind)
        {
            if (s_injected.Enabled)
            {
                s_injected.Add(1, new KeyValuePair<string, object?>(ResilienceTelemetry.PolicyNameTag, policyName), new KeyValuePair<string, object?>("resilience.chaos.kind", kind));
            }

            ILogger logger = ResilienceRuntime.Logger;
            if (logger.IsEnabled(LogLevel.Information))
            {
                ChaosLog.Injected(logger, kind, policyName);
            }
        }

        private static void Publish()
        {
            var rules = new Rules(s_configured, s_enabled);
            Volatile.Write(ref s_rules, rules);
            s_active = rules.Count > 0;
            ILogger logger = ResilienceRuntime.Logger;
            if (rules.Count > 0 && logger.IsEnabled(LogLevel.Warning))
            {
                ChaosLog.Active(logger, string.Join(", ", rules.Keys));
            }
        }

        private static void WarnAboutUnknownKeys(IEnumerable<string> keys, ILogger logger)
        {
            if (!logger.IsEnabled(LogLevel.Warning))
            {
                return;
            }

            var known = new List<string>(s_seen.Keys);
            foreach (PolicyKind kind in Enum.GetValues<PolicyKind>())
            {
                known.AddRange(ResiliencePolicyRegistry.GetNames(kind));
            }

            foreach (string key in keys)
            {
                if (!known.Exists(name => Rules.Matches(key, name)))
                {
                    ChaosLog.UnknownKey(logger, key);
                }
            }
        }

        private static ChaosOptions Bind(IConfigurationSection entry)
        {
            var unknown = new List<string>();
            foreach (IConfigurationSection property in entry.GetChildren())
            {
                if (!IsOptionName(property.Key))
                {
                    unknown.Add(property.Key);
                }
            }

            if (unknown.Count > 0)
            {
                throw new ArgumentException($"unknown setting(s) {string.Join(", ", unknown)}.");
            }

            return new ChaosOptions
            {
                FaultRate = Number(entry, nameof(ChaosOptions.FaultRate), 0.0),
                ExceptionType = entry[nameof(ChaosOptions.ExceptionType)],
                ExceptionMessage = entry[nameof(ChaosOptions.ExceptionMessage)],
                LatencyMs = (int)Number(entry, nameof(ChaosOptions.LatencyMs), 0),
                LatencyRate = Number(entry, nameof(ChaosOptions.LatencyRate), 1.0),
                Result = entry[nameof(ChaosOptions.Result)],
                ResultRate = Number(entry, nameof(ChaosOptions.ResultRate), 1.0),
            };
        }

        private static double Number(IConfigurationSection entry, string property, double fallback)
        {
            string? text = entry[property];
            if (text is null)
            {
                return fallback;
            }

            return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
                ? value
                : throw new FormatException($"{property} '{text}' is not a number.");
        }

        private static bool IsOptionName(string name) =>
            name.Equals(nameof(ChaosOptions.FaultRate), StringComparison.OrdinalIgnoreCase)
            || name.Equals(nameof(ChaosOptions.ExceptionType), StringComparison.OrdinalIgnoreCase)
            || name.Equals(nameof(ChaosOptions.ExceptionMessage), StringComparison.OrdinalIgnoreCase)
            || name.Equals(nameof(ChaosOptions.LatencyMs), StringComparison.OrdinalIgnoreCase)
            || name.Equals(nameof(ChaosOptions.LatencyRate), StringComparison.OrdinalIgnoreCase)
            || name.Equals(nameof(ChaosOptions.Result), StringComparison.OrdinalIgnoreCase)
            || name.Equals(nameof(ChaosOptions.ResultRate), StringComparison.OrdinalIgnoreCase);

        private static IConfiguration SectionOf(IConfiguration configuration)
        {
            if (configuration is IConfigurationSection section && string.Equals(section.Key, SectionName, StringComparison.OrdinalIgnoreCase))
            {
                return section;
            }

            IConfiguration resilience = configuration is IConfigurationSection { Key: var key } && string.Equals(key, ResilienceConfiguration.SectionName, StringComparison.OrdinalIgnoreCase)
                ? configuration
                : configuration.GetSection(ResilienceConfiguration.SectionName);
            return resilience.GetSection(SectionName);
        }

        private static ConcurrentDictionary<string, Func<string, Exception>> CreateBuiltInExceptions()
        {
            var map = new ConcurrentDictionary<string, Func<string, Exception>>(StringComparer.Ordinal);
            void Add(Type type, Func<string, Exception> factory)
            {
                map[type.Name] = factory;
                map[type.FullName!] = factory;
            }

            Add(typeof(Exception), static m => new Exception(m));
            Add(typeof(TimeoutException), static m => new TimeoutException(m));
            Add(typeof(HttpRequestException), static m => new HttpRequestException(m));
            Add(typeof(IOException), static m => new IOException(m));
            Add(typeof(SocketException), static m => new SocketException((int)SocketError.ConnectionRefused, m));
            Add(typeof(InvalidOperationException), static m => new InvalidOperationException(m));
            Add(typeof(ChaosFaultException), static m => new ChaosFaultException(m));
            return map;
        }

        /// <summary>An immutable snapshot of the keys in force, with a per-name cache of the matching rule.</summary>
        private sealed class Rules
        {
            public static readonly Rules Empty = new(new Dictionary<string, ChaosOptions>(), new Dictionary<string, ChaosOptions>());

            private readonly List<Rule> _enabled = new();
            private readonly List<Rule> _configured = new();
            private readonly ConcurrentDictionary<string, Rule?> _byName = new(StringComparer.Ordinal);

            public Rules(Dictionary<string, ChaosOptions> configured, Dictionary<string, ChaosOptions> enabled)
            {
                var keys = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (KeyValuePair<string, ChaosOptions> pair in enabled)
                {
                    _enabled.Add(new Rule(pair.Key, pair.Value));
                    keys.Add(pair.Key);
                }

                foreach (KeyValuePair<string, ChaosOptions> pair in configured)
                {
                    _configured.Add(new Rule(pair.Key, pair.Value));
                    keys.Add(pair.Key);
                }

                Keys = new List<string>(keys);
            }

            public IReadOnlyList<string> Keys { get; }

            public int Count => Keys.Count;

            public Rule? Find(string policyName)
            {
                if (_byName.TryGetValue(policyName, out Rule? rule))
                {
                    return rule;
                }

                s_seen.TryAdd(policyName, 0);
                rule = MostSpecific(_enabled, policyName) ?? MostSpecific(_configured, policyName);
                if (rule is not null)
                {
                    rule.Matched = true;
                }

                return _byName.GetOrAdd(policyName, rule);
            }

            public IReadOnlyList<string> Unmatched()
            {
                var list = new List<string>();
                foreach (Rule rule in _enabled)
                {
                    if (!rule.Matched)
                    {
                        list.Add(rule.Key);
                    }
                }

                foreach (Rule rule in _configured)
                {
                    if (!rule.Matched)
                    {
                        list.Add(rule.Key);
                    }
                }

                list.Sort(StringComparer.OrdinalIgnoreCase);
                return list;
            }

            public static bool Matches(string key, string name) =>
                key == "*"
                || string.Equals(key, name, StringComparison.OrdinalIgnoreCase)
                || (name.Length > key.Length && name[key.Length] == '.' && name.StartsWith(key, StringComparison.OrdinalIgnoreCase));

            private static Rule? MostSpecific(List<Rule> rules, string name)
            {
                Rule? best = null;
                foreach (Rule rule in rules)
                {
                    if (Matches(rule.Key, name) && (best is null || Specificity(rule.Key) > Specificity(best.Key)))
                    {
                        best = rule;
                    }
                }

                return best;
            }

            private static int Specificity(string key) => key == "*" ? -1 : key.Length;
        }

        private sealed class Rule
        {
            public Rule(string key, ChaosOptions options)
            {
                Key = key;
                Options = options;
            }

            public string Key { get; }

            public ChaosOptions Options { get; }

            public bool Matched { get; set; }

            public Exception CreateException(string policyName)
            {
                string message = Options.ExceptionMessage ?? $"Chaos: fault injected into '{policyName}'.";
                if (Options.ExceptionFactory is { } factory)
                {
                    return factory(policyName);
                }

                return Options.ExceptionType is { } type && s_exceptions.TryGetValue(type, out Func<string, Exception>? create)
                    ? create(message)
                    : new ChaosFaultException(message);
            }
        }

        private sealed class Enabled : IDisposable
        {
            private readonly string _key;
            private readonly ChaosOptions _options;
            private int _disposed;

            public Enabled(string key, ChaosOptions options)
            {
                _key = key;
                _options = options;
            }

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) != 0)
                {
                    return;
                }

                lock (s_gate)
                {
                    if (s_enabled.TryGetValue(_key, out ChaosOptions? current) && ReferenceEquals(current, _options))
                    {
                        var next = new Dictionary<string, ChaosOptions>(s_enabled, StringComparer.OrdinalIgnoreCase);
                        next.Remove(_key);
                        s_enabled = next;
                        Publish();
                    }
                }
            }
        }
    }
}
