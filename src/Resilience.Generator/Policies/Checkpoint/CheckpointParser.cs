using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Checkpoint]</c>: the step name, the <c>[WorkflowId]</c> parameter, the fingerprinted arguments and the <c>[CheckpointState]</c> member.</summary>
    internal static class CheckpointParser
    {
        public static CheckpointSpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, UsageReport report, CancellationToken cancellationToken)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Checkpoint", CheckpointUsage.Rules, method, report, cancellationToken);
            CheckpointUsage.Check(values, cancellationToken);
            IParameterSymbol? workflowParameter = method.Parameters.FirstOrDefault(p => MethodShape.HasAttribute(p, CheckpointUsage.WorkflowIdAttribute));
            string workflowId = workflowParameter is null
                ? "null"
                : workflowParameter.Type.SpecialType == SpecialType.System_String
                    ? SymbolNames.EscapeIdentifier(workflowParameter.Name)
                    : $"{SymbolNames.EscapeIdentifier(workflowParameter.Name)}.ToString()";

            (ISymbol Member, ITypeSymbol Type)? state = method.IsStatic ? null : CheckpointUsage.StateMember(values, cancellationToken);
            var fingerprint = method.Parameters
                .Where(p => !MethodShape.IsCancellationToken(p.Type) && !SymbolEqualityComparer.Default.Equals(p, workflowParameter))
                .Select(p => SymbolNames.EscapeIdentifier(p.Name));
            return new CheckpointSpec(
                new PolicySpec(policyName, values.Options.ToImmutableEquatableArray()),
                workflowId,
                fingerprint.ToImmutableEquatableArray(),
                MethodShape.Store(method),
                state is { } s ? "this." + SymbolNames.EscapeIdentifier(s.Member.Name) : null,
                state is { } t ? SymbolNames.Type(t.Type) : null);
        }
    }
}
