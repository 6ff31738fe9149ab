namespace Resilience.Generators.Model
{
    /// <summary>
    /// An <c>[Idempotent]</c> method: its policy, the rendered parts of its key (empty for the default key, the argument
    /// fingerprint), the arguments that make up the fingerprint, and the expression giving the instance's store.
    /// </summary>
    internal sealed record IdempotentSpec(
        PolicySpec Policy,
        ImmutableEquatableArray<Generators.KeyPart> KeyParts,
        ImmutableEquatableArray<string> FingerprintArguments,
        string Store);
}
