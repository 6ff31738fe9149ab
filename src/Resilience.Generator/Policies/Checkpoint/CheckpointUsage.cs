using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Resilience.Generators
{
    /// <summary>
    /// The usage rules of <c>[Checkpoint]</c>: a <c>[WorkflowId]</c> parameter (RES0010, a warning), a non-empty step name
    /// (RES0007), a non-generic method (RES0021), a restorable <c>[CheckpointState]</c> member (RES0023), a result and a
    /// state type that round-trip through the store's serializer (RES0046–RES0049, RES0054).
    /// </summary>
    internal static class CheckpointUsage
    {
        public const string WorkflowIdAttribute = "Resilience.WorkflowIdAttribute";
        public const string StateAttribute = "Resilience.CheckpointStateAttribute";

        public static readonly ArgumentRule[] Rules =
        {
            ArgumentRule.Read("Step", ReadStep),
        };

        public static void Check(ArgumentValues values, CancellationToken cancellationToken)
        {
            IdempotentUsage.CheckNotGeneric(values);
            IdempotentUsage.CheckStoredResult(values, cancellationToken);
            if (!values.Method.Parameters.Any(p => MethodShape.HasAttribute(p, WorkflowIdAttribute)))
            {
                values.Report.Report(UsageDescriptors.CheckpointWithoutWorkflowId, values.Location, values.Method.Name);
            }
        }

        /// <summary>The first instance member marked <c>[CheckpointState]</c> and its type, or null (after RES0023 when it cannot be restored).</summary>
        public static (ISymbol Member, ITypeSymbol Type)? StateMember(ArgumentValues values, CancellationToken cancellationToken)
        {
            foreach (ISymbol member in values.Method.ContainingType.GetMembers())
            {
                if (member.IsStatic || !MethodShape.HasAttribute(member, StateAttribute))
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
                    values.Report.Report(UsageDescriptors.InvalidCheckpointState, member.Locations.FirstOrDefault(l => l.IsInSource) ?? values.Location, member.Name);
                    return null;
                }

                Location location = member.Locations.FirstOrDefault(l => l.IsInSource) ?? values.Location;
                StoredTypes.Check(type, member.Name, location, values.Report, cancellationToken);
                return (member, type);
            }

            return null;
        }

        private static void ReadStep(TypedConstant value, ArgumentValues values)
        {
            if (value.Value is string step)
            {
                if (step.Trim().Length == 0)
                {
                    AttributeArguments.ReportInvalid(values, "Step", "\"" + step + "\"", "it must not be empty");
                }

                values.AddOption("Step", Literals.String(step));
            }
        }
    }
}
