using System.Linq;
using Microsoft.CodeAnalysis;
using Resilience.Generators.Model;

namespace Resilience.Generators
{
    /// <summary>Reads <c>[Checkpoint]</c>: the step name, the <c>[WorkflowId]</c> parameter, the fingerprinted arguments and the <c>[CheckpointState]</c> member.</summary>
    internal static class CheckpointParser
    {
        private static readonly ArgumentRule[] s_rules =
        {
            ArgumentRule.Read("Step", ReadStep),
        };

        public static CheckpointSpec Parse(AttributeData attribute, IMethodSymbol method, string policyName, StubReasons stub)
        {
            ArgumentValues values = AttributeArguments.Read(attribute, "Checkpoint", s_rules, method, stub);
            if (method.IsGenericMethod)
            {
                stub.Add("[Checkpoint] does not support generic methods (the saved result's type must be fixed)");
            }

            IParameterSymbol? workflowParameter = method.Parameters.FirstOrDefault(p => MethodShape.HasAttribute(p, "Resilience.WorkflowIdAttribute"));
            string workflowId = workflowParameter is null
                ? "null"
                : workflowParameter.Type.SpecialType == SpecialType.System_String
                    ? SymbolNames.EscapeIdentifier(workflowParameter.Name)
                    : $"{SymbolNames.EscapeIdentifier(workflowParameter.Name)}.ToString()";

            (string Member, string Type)? state = method.IsStatic ? null : StateMember(method, stub);
            var fingerprint = method.Parameters
                .Where(p => !MethodShape.IsCancellationToken(p.Type) && !SymbolEqualityComparer.Default.Equals(p, workflowParameter))
                .Select(p => SymbolNames.EscapeIdentifier(p.Name));
            return new CheckpointSpec(
                new PolicySpec(policyName, values.Options.ToImmutableEquatableArray()),
                workflowId,
                fingerprint.ToImmutableEquatableArray(),
                MethodShape.Store(method),
                state?.Member,
                state?.Type);
        }

        private static void ReadStep(TypedConstant value, ArgumentValues values)
        {
            if (value.Value is string step)
            {
                values.Stub.Require(step.Trim().Length > 0, "Checkpoint.Step must not be empty");
                values.AddOption("Step", Literals.String(step));
            }
        }

        /// <summary>The first instance member marked <c>[CheckpointState]</c>, snapshotted with each step.</summary>
        private static (string Member, string Type)? StateMember(IMethodSymbol method, StubReasons stub)
        {
            foreach (ISymbol member in method.ContainingType.GetMembers())
            {
                if (member.IsStatic || !MethodShape.HasAttribute(member, "Resilience.CheckpointStateAttribute"))
                {
                    continue;
                }

                ITypeSymbol? type = member switch
                {
                    IFieldSymbol { IsReadOnly: false, IsConst: false } field => field.Type,
                    IPropertySymbol { SetMethod: not null, GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (type is null)
                {
                    stub.Add($"[CheckpointState] member '{member.Name}' must be a writable field or a property with get and set");
                    return null;
                }

                return ("this." + SymbolNames.EscapeIdentifier(member.Name), SymbolNames.Type(type));
            }

            return null;
        }
    }
}
