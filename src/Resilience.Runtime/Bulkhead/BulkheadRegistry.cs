using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Resilience
{
    /// <summary>Named bulkheads. <see cref="Default"/> is the process-wide registry that generated code and configuration use.</summary>
    public sealed class BulkheadRegistry
    {
        private readonly ConcurrentDictionary<string, Bulkhead> _bulkheads = new(StringComparer.Ordinal);
        private readonly object _gate = new();
        private readonly bool _isDefault;

        /// <summary>Creates an empty registry (configuration applies to <see cref="Default"/> only).</summary>
        public BulkheadRegistry()
        {
        }

        private BulkheadRegistry(bool isDefault)
        {
            _isDefault = isDefault;
        }

        /// <summary>The process-wide registry.</summary>
        public static BulkheadRegistry Default { get; } = new BulkheadRegistry(isDefault: true);

        /// <summary>The bulkheads, ordered by name (ordinal).</summary>
        public IReadOnlyList<Bulkhead> Bulkheads
        {
            get
            {
                var list = new List<Bulkhead>(_bulkheads.Values);
                list.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                return list;
            }
        }

        /// <summary>The bulkhead named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
        public Bulkhead this[string name] =>
            TryGet(name, out Bulkhead? bulkhead) ? bulkhead : throw new KeyNotFoundException($"No bulkhead is named '{name}'.");

        /// <summary>Gets the bulkhead named <paramref name="name"/>, creating it with <paramref name="options"/> when there is none (first registration wins).</summary>
        public Bulkhead GetOrAdd(string name, BulkheadOptions options)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            if (name.Length == 0)
            {
                throw new ArgumentException("A bulkhead needs a name.", nameof(name));
            }

            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            options.Validate(name);
            if (_bulkheads.TryGetValue(name, out Bulkhead? existing))
            {
                return existing;
            }

            Bulkhead created;
            lock (_gate)
            {
                if (_bulkheads.TryGetValue(name, out existing))
                {
                    return existing;
                }

                created = new Bulkhead(name, options);
                _bulkheads[name] = created;
            }

            if (_isDefault)
            {
                ResiliencePolicyRegistry.Register(created);
            }

            return created;
        }

        /// <summary>Looks a bulkhead up by name.</summary>
        public bool TryGet(string name, [NotNullWhen(true)] out Bulkhead? bulkhead) =>
            _bulkheads.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out bulkhead);
    }
}
