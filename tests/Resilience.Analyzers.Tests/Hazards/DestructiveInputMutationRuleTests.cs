using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>RES1011: destroying the caller's input collections.</summary>
public class DestructiveInputMutationRuleTests
{
    [Fact]
    public async Task RES1011_ClearingOrDrainingAParametersCollection()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class Order { public List<string> Lines { get; } = new(); }
            public partial class Shipping
            {
                private readonly List<string> _shipped = new();

                [Retry]
                public partial void Ship(Order order, Queue<string> pending, HttpRequestMessage request);
                private void ShipCore(Order order, Queue<string> pending, HttpRequestMessage request)
                {
                    var copy = new List<string>(order.Lines);
                    {|#0:order.Lines.Clear()|};
                    while ({|RES1011:pending.TryDequeue(out var next)|})
                    {
                        copy.Add(next);
                    }

                    // Attempt-owned collections and request builders are fine.
                    copy.Clear();
                    request.Headers.Remove("X-Trace");
                    var scratch = new Order();
                    scratch.Lines.Clear();
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1011", 0).WithMessage(
                "'ShipCore' calls 'Clear' on property 'Lines' of parameter 'order', so a retry runs on different input, and it runs again on every retry of 'Ship'"));
    }
}
