using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <see cref="BulkheadAttribute"/>. Every instance with the same name shares one
    /// <see cref="Bulkhead"/> in <see cref="BulkheadRegistry.Default"/> (the first registration's options win).
    /// <code>
    /// using (s_bulkhead.Enter(cancellationToken)) { return Core(...); }
    /// using (await s_bulkhead.EnterAsync(cancellationToken).ConfigureAwait(false)) { return await CoreAsync(...).ConfigureAwait(false); }
    /// </code>
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class BulkheadPolicy
    {
        /// <summary>Gets or creates the bulkhead named <paramref name="name"/> in <see cref="BulkheadRegistry.Default"/>.</summary>
        /// <param name="name">The bulkhead's name (the attribute's <c>Name</c>, or <c>Namespace.Type.Method</c>).</param>
        /// <param name="options">The attribute's values; validated.</param>
        public BulkheadPolicy(string name, BulkheadOptions options)
            : this(name, options, BulkheadRegistry.Default)
        {
        }

        /// <summary>Gets or creates the bulkhead named <paramref name="name"/> in <paramref name="registry"/>.</summary>
        public BulkheadPolicy(string name, BulkheadOptions options, BulkheadRegistry registry)
        {
            if (registry is null)
            {
                throw new ArgumentNullException(nameof(registry));
            }

            Bulkhead = registry.GetOrAdd(name, options);
        }

        /// <summary>The bulkhead's name.</summary>
        public string Name => Bulkhead.Name;

        /// <summary>The shared bulkhead.</summary>
        public Bulkhead Bulkhead { get; }

        /// <summary>The options in force on the shared bulkhead.</summary>
        public BulkheadOptions Options => Bulkhead.Options;

        /// <summary>Takes a slot, blocking while queued; see <see cref="Resilience.Bulkhead.Enter"/>.</summary>
        public BulkheadLease Enter(CancellationToken cancellationToken) => Bulkhead.Enter(cancellationToken);

        /// <summary>Takes a slot, waiting asynchronously while queued; see <see cref="Resilience.Bulkhead.EnterAsync"/>.</summary>
        public ValueTask<BulkheadLease> EnterAsync(CancellationToken cancellationToken) => Bulkhead.EnterAsync(cancellationToken);

        /// <summary>Replaces the shared bulkhead's options in force; <see langword="null"/> restores the first registration's.</summary>
        public void Override(BulkheadOptions? options) => Bulkhead.Override(options);
    }
}
