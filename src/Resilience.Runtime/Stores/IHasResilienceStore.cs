namespace Resilience
{
    /// <summary>
    /// Implemented by a class whose <see cref="IdempotentAttribute"/> / <see cref="CheckpointAttribute"/> methods should use
    /// a store of its own (per agent instance) instead of <see cref="ResilienceStores.Default"/>.
    /// </summary>
    /// <remarks>
    /// Generated code for an instance method of a type that implements this interface passes
    /// <c>((IHasResilienceStore)this).ResilienceStore</c> to the policy; <see langword="null"/> falls back to the default.
    /// Typical use: take the store from the constructor (dependency injection) and expose it here.
    /// </remarks>
    public interface IHasResilienceStore
    {
        /// <summary>The store for this instance's protected calls; <see langword="null"/> for <see cref="ResilienceStores.Default"/>.</summary>
        IDurableStore? ResilienceStore { get; }
    }
}
