using System;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// The process-wide default <see cref="IDurableStore"/> of <see cref="IdempotentAttribute"/> (and
    /// <see cref="CheckpointAttribute"/>) methods whose instance does not bring its own (see <see cref="IHasResilienceStore"/>).
    /// </summary>
    /// <remarks>
    /// Set it once at start-up, e.g. <c>ResilienceStores.Default = new FileDurableStore("/var/lib/myagent/resilience");</c>,
    /// or through <c>services.AddFileResilienceStores(...)</c> / <c>services.AddPostgresResilienceStores(...)</c>.
    /// Until then it is an <see cref="InMemoryDurableStore"/>, which protects calls within one process only.
    /// </remarks>
    public static class ResilienceStores
    {
        private static IDurableStore? s_default;

        /// <summary>The default store (an <see cref="InMemoryDurableStore"/> until set).</summary>
        public static IDurableStore Default
        {
            get => Volatile.Read(ref s_default) ?? CreateDefault();
            set => Volatile.Write(ref s_default, value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>Picks the store of a call: the instance's own when it has one, otherwise <see cref="Default"/>.</summary>
        public static IDurableStore Resolve(IDurableStore? instanceStore) => instanceStore ?? Default;

        private static IDurableStore CreateDefault()
        {
            Interlocked.CompareExchange(ref s_default, new InMemoryDurableStore(), null);
            return s_default!;
        }
    }
}
