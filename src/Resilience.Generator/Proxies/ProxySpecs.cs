using Microsoft.CodeAnalysis.Text;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>
    /// One <c>[ResilientProxy]</c> class: its declarations, the interface it forwards, the forwarding members, the members
    /// with policies (emitted as partial methods by <see cref="MethodEmitter"/>), and the usage errors found.
    /// </summary>
    internal sealed record ProxySpec(
        string HintName,
        string? Namespace,
        ImmutableEquatableArray<ContainingTypeSpec> ContainingTypes,
        string Name,
        string FullName,
        string Interface,
        string InnerField,
        bool RegistersFactory,
        ImmutableEquatableArray<ProxyMemberSpec> Members,
        ImmutableEquatableArray<MethodSpec> PolicyMethods,
        ImmutableEquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>Whether anything is emitted (a proxy whose declaration is unusable only reports its diagnostics).</summary>
        public bool CanEmit => Name.Length > 0;
    }

    internal enum ProxyMemberKind
    {
        /// <summary><c>{Signature} => {Target};</c></summary>
        Method,

        /// <summary>A partial definition the generator declares for a member with policies: <c>{Signature};</c>.</summary>
        PartialDefinition,

        /// <summary><c>{Signature} { get => {Target}; set => {Target} = value; }</c>, indexers included.</summary>
        Property,

        /// <summary><c>{Signature} { add => {Target} += value; remove => {Target} -= value; }</c></summary>
        Event,

        /// <summary>A member that cannot be forwarded: <c>{Signature} => throw …</c> (a RES0043 error says why).</summary>
        Stub,
    }

    /// <summary>
    /// One forwarded member. <see cref="Signature"/> is the declaration without body (<c>public int Version</c>, or
    /// <c>int global::Ns.IFoo.Version</c> when implemented explicitly); <see cref="Target"/> is the inner member access.
    /// </summary>
    internal sealed record ProxyMemberSpec(
        ProxyMemberKind Kind,
        string Signature,
        ImmutableEquatableArray<string> Constraints,
        string Target,
        bool HasGet,
        bool HasSet,
        bool ByRef,
        bool InitOnly = false);
}
