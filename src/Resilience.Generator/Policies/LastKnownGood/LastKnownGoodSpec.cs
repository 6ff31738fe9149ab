namespace Resilience.Generators.Model
{
    /// <summary>
    /// A <c>[LastKnownGood]</c> method: its policy (<c>LastKnownGoodOptions</c> initializer), its place in the fallback chain
    /// (<paramref name="Order"/>), the rendered parts of its key (empty for the default key, the argument fingerprint), the
    /// arguments that make up the fingerprint (empty: a method without arguments has one key) and the instance's store expression.
    /// </summary>
    internal sealed record LastKnownGoodSpec(
        PolicySpec Policy,
        int Order,
        ImmutableEquatableArray<Generators.KeyPart> KeyParts,
        ImmutableEquatableArray<string> FingerprintArguments,
        string Store);
}
