using Microsoft.CodeAnalysis;
using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// RES0046–RES0049 and RES0054: results of [Idempotent] methods and [Checkpoint] steps, and [CheckpointState] members,
/// that cannot round-trip through the store's serializer are errors at compile time; every shape the runtime stores
/// exactly is accepted (the compile-and-run side is tests/Resilience.Generator.Tests/RoundTripGeneratedCodeTests.cs).
/// </summary>
public class StoredTypeRuleTests
{
    private const string Usings = "using System.Text.Json.Serialization;\n";

    [Fact]
    public async Task RES0046_InterfaceObjectAndAbstractResults()
    {
        var diagnostics = await UsageVerifier.VerifyAsync(Usings + """
            public interface IReceipt { string Id { get; } }
            public abstract class PaymentBase { public decimal Amount { get; set; } }
            public sealed class Envelope { public object? Payload { get; set; } public IReceipt? Receipt { get; set; } }
            public interface IReceipts : IEnumerable<int> { }

            [JsonDerivedType(typeof(Card), "card")]
            public abstract class Polymorphic { }
            public sealed class Card : Polymorphic { public int Last4 { get; set; } }

            public partial class Agent
            {
                [Idempotent]
                public partial Task<{|RES0046:IReceipt|}> ChargeAsync(string id);
                private Task<IReceipt> ChargeAsyncCore(string id) => throw new NotImplementedException();

                [Idempotent]
                public partial Task<{|RES0046:object|}> AnyAsync(string id);
                private Task<object> AnyAsyncCore(string id) => Task.FromResult<object>(42);

                [Idempotent]
                public partial {|RES0046:PaymentBase|} Pay(string id);
                private PaymentBase PayCore(string id) => throw new NotImplementedException();

                [Idempotent]
                public partial Task<{|RES0046:{|RES0046:Envelope|}|}> WrapAsync(string id);
                private Task<Envelope> WrapAsyncCore(string id) => Task.FromResult(new Envelope());

                [Idempotent]
                public partial Task<{|RES0046:IReceipts|}> ListAsync(string id);
                private Task<IReceipts> ListAsyncCore(string id) => throw new NotImplementedException();

                [Idempotent]
                public partial Task<Polymorphic> PolyAsync(string id);
                private Task<Polymorphic> PolyAsyncCore(string id) => Task.FromResult<Polymorphic>(new Card());

                [Idempotent]
                public partial Task<IReadOnlyList<int>> NumbersAsync(string id);
                private Task<IReadOnlyList<int>> NumbersAsyncCore(string id) => Task.FromResult<IReadOnlyList<int>>(new[] { 1 });
            }
            """);
        Assert.Equal(
            "'ChargeAsync' stores a value of type 'IReceipt' that cannot be read back as itself: 'IReceipt' is an interface without [JsonPolymorphic] or [JsonDerivedType] metadata; declare a concrete type, or list the derived types with [JsonDerivedType]",
            diagnostics[0].GetMessage());
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("member 'Envelope.Payload' is typed 'object'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("member 'Envelope.Receipt' is an interface", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RES0047_MembersThatCannotBeSetBack()
    {
        var diagnostics = await UsageVerifier.VerifyAsync(Usings + """
            public sealed class Receipt
            {
                private string _id = "";
                public readonly int Version;
                public string Id => _id;
                public int Total => Version * 2;
                public void Assign(string id) => _id = id;
                private readonly List<int> _lines = new();
                public IReadOnlyList<int> Lines => _lines;
            }

            public partial class Agent
            {
                [Idempotent]
                public partial Task<{|RES0047:{|RES0047:{|RES0047:Receipt|}|}|}> ChargeAsync(string id);
                private Task<Receipt> ChargeAsyncCore(string id) => Task.FromResult(new Receipt());
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("member 'Receipt.Version' is a readonly field", StringComparison.Ordinal) && d.GetMessage().Contains("named 'version'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("member 'Receipt.Id' is a get-only property returning the field '_id', which is not stored", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("member 'Receipt.Lines' is a get-only property returning the field '_lines'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RES0048_NoUsableConstructor()
    {
        await UsageVerifier.VerifyAsync(Usings + """
            public sealed class Hidden { private Hidden() { } public int Value { get; set; } public static Hidden Create() => new(); }
            public sealed class Ambiguous
            {
                public Ambiguous(int value) { Value = value; }
                public Ambiguous(string text) { Value = text.Length; }
                public int Value { get; set; }
            }
            public sealed class Unbound
            {
                public Unbound(int value, string note) { Value = value; }
                public int Value { get; set; }
            }

            public partial class Agent
            {
                [Idempotent]
                public partial Task<{|RES0048:Hidden|}> HiddenAsync(string id);
                private Task<Hidden> HiddenAsyncCore(string id) => Task.FromResult(Hidden.Create());

                [Idempotent]
                public partial {|RES0048:Ambiguous|} Pick(string id);
                private Ambiguous PickCore(string id) => new(1);

                [Idempotent]
                public partial Task<{|RES0048:Unbound|}> UnboundAsync(string id);
                private Task<Unbound> UnboundAsyncCore(string id) => Task.FromResult(new Unbound(1, "x"));
            }
            """);
    }

    [Fact]
    public async Task RES0049_CycleByConstruction()
    {
        var diagnostics = await UsageVerifier.VerifyAsync(Usings + """
            public sealed class Parent { public Child First { get; set; } = null!; }
            public sealed class Child { public Parent Owner { get; set; } = null!; }

            public sealed class Node { public Node? Next { get; set; } public List<Node> Children { get; set; } = new(); }

            public partial class Agent
            {
                [Idempotent]
                public partial Task<{|RES0049:Parent|}> CycleAsync(string id);
                private Task<Parent> CycleAsyncCore(string id) => throw new NotImplementedException();

                [Idempotent]
                public partial Task<Node> TreeAsync(string id);
                private Task<Node> TreeAsyncCore(string id) => Task.FromResult(new Node());
            }
            """);
        Assert.Contains("'Parent' holds another 'Parent' through the non-nullable members 'Parent.First' → 'Child.Owner'", diagnostics[0].GetMessage());
    }

    [Fact]
    public async Task RES0054_UnsupportedMembers()
    {
        var diagnostics = await UsageVerifier.VerifyAsync(Usings + """
            public sealed class Job
            {
                public Action? Callback { get; set; }
                public IntPtr Handle { get; set; }
                public Type? Kind { get; set; }
                public int[,]? Grid { get; set; }
                [JsonIgnore] public Func<int>? Ignored { get; set; }
            }

            public partial class Agent
            {
                [Idempotent]
                public partial Task<{|RES0054:{|RES0054:{|RES0054:{|RES0054:Job|}|}|}|}> RunAsync(string id);
                private Task<Job> RunAsyncCore(string id) => Task.FromResult(new Job());
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("member 'Job.Callback' is of type 'Action', a delegate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckpointResultsAndStateAreChecked_AndTheMethodGetsAThrowingBody()
    {
        await UsageVerifier.VerifyAsync(Usings + """
            public interface IProgress { int Done { get; } }
            public sealed class Progress { public List<string> Log { get; } = new(); public int Done { get; private set; } public int Count; }
            public sealed class Broken { public readonly int Count; }

            public partial class Workflow
            {
                [CheckpointState]
                public Broken {|RES0047:State|} { get; set; } = new();

                [Checkpoint]
                public partial Task<{|RES0046:IProgress|}> StepAsync([WorkflowId] string run);
                private Task<IProgress> StepAsyncCore(string run) => throw new NotImplementedException();
            }

            public partial class Fine
            {
                [CheckpointState]
                public Progress State { get; set; } = new();

                [Checkpoint]
                public partial Task<int> StepAsync([WorkflowId] string run);
                private Task<int> StepAsyncCore(string run) => Task.FromResult(1);
            }
            """);

        var (_, output) = UsageVerifier.RunGenerator(AnalyzerHarness.Prelude + Usings + """
            public interface IProgress { int Done { get; } }
            public partial class Workflow
            {
                [Checkpoint]
                public partial Task<IProgress> StepAsync([WorkflowId] string run);
                private Task<IProgress> StepAsyncCore(string run) => throw new NotImplementedException();
            }
            """);
        var generated = output.SyntaxTrees.Last().ToString();
        Assert.Contains("NotSupportedException", generated);
        Assert.Contains("RES0046", generated);
    }

    [Fact]
    public async Task ShapesThatRoundTrip_AreNotFlagged()
    {
        await UsageVerifier.VerifyAsync(Usings + RoundTripShapes);
    }

    /// <summary>Every shape the runtime stores exactly (the same shapes are stored and replayed in the generator tests).</summary>
    public const string RoundTripShapes = """
        public enum Tier { Free, Gold }
        public sealed class WithFields { public int Count; public string Name = ""; [JsonInclude] private int _hidden; public int Hidden => _hidden; public void Hide(int value) => _hidden = value; }
        public sealed record Positional(string Id, decimal Amount, DateTimeOffset At);
        public sealed class CtorOnly
        {
            public CtorOnly(string id, IReadOnlyList<int> items) { Id = id; Items = items; }
            public string Id { get; }
            public IReadOnlyList<int> Items { get; }
        }
        public sealed class GetOnlyCollections
        {
            public List<int> Items { get; } = new();
            public Dictionary<string, decimal> Totals { get; } = new();
            public string Id { get; private set; } = "";
            public int Computed => Items.Count;
            public void Set(string id) => Id = id;
        }
        public sealed class GetOnlyAuto { public GetOnlyAuto() { } public int Seed { get; } = 7; }
        public struct Point { public int X; public int Y { get; set; } }
        public readonly record struct Money(decimal Amount, string Currency);
        public readonly struct Coord { public readonly int Lat; public readonly int Lon; [JsonConstructor] public Coord(int lat, int lon) { Lat = lat; Lon = lon; } }
        public sealed class Tree { public string Name { get; set; } = ""; public Tree? Parent { get; set; } public List<Tree> Children { get; set; } = new(); }
        public sealed class Everything
        {
            public DateTimeOffset At { get; set; }
            public DateTime When { get; set; }
            public TimeSpan Took { get; set; }
            public Guid Id { get; set; }
            public decimal Amount { get; set; }
            public double Ratio { get; set; }
            public Tier Tier { get; set; }
            public int? Maybe { get; set; }
            public string? Note { get; set; }
            public int[] Numbers { get; set; } = Array.Empty<int>();
            public List<Point> Points { get; set; } = new();
            public Dictionary<string, Money> Wallet { get; set; } = new();
            public (int Count, string Label) Pair { get; set; }
            public Tuple<int, string>? Old { get; set; }
            public KeyValuePair<string, int> Entry { get; set; }
            public HashSet<string> Tags { get; set; } = new();
            public System.Text.Json.JsonElement Raw { get; set; }
            public Uri? Link { get; set; }
            public Coord Where { get; set; }
        }

        public partial class Shapes
        {
            [Idempotent] public partial Task<WithFields> FieldsAsync(string id);
            private Task<WithFields> FieldsAsyncCore(string id) => Task.FromResult(new WithFields());
            [Idempotent] public partial Task<Positional> PositionalAsync(string id);
            private Task<Positional> PositionalAsyncCore(string id) => Task.FromResult(new Positional(id, 1m, DateTimeOffset.UnixEpoch));
            [Idempotent] public partial Task<CtorOnly> CtorAsync(string id);
            private Task<CtorOnly> CtorAsyncCore(string id) => Task.FromResult(new CtorOnly(id, new[] { 1 }));
            [Idempotent] public partial Task<GetOnlyCollections> CollectionsAsync(string id);
            private Task<GetOnlyCollections> CollectionsAsyncCore(string id) => Task.FromResult(new GetOnlyCollections());
            [Idempotent] public partial Task<GetOnlyAuto> AutoAsync(string id);
            private Task<GetOnlyAuto> AutoAsyncCore(string id) => Task.FromResult(new GetOnlyAuto());
            [Idempotent] public partial Task<Money> MoneyAsync(string id);
            private Task<Money> MoneyAsyncCore(string id) => Task.FromResult(new Money(1m, "EUR"));
            [Idempotent] public partial Task<Tree> TreeAsync(string id);
            private Task<Tree> TreeAsyncCore(string id) => Task.FromResult(new Tree());
            [Idempotent] public partial Task<Everything> EverythingAsync(string id);
            private Task<Everything> EverythingAsyncCore(string id) => Task.FromResult(new Everything());
            [Idempotent] public partial Task<(int, List<string>)> TupleAsync(string id);
            private Task<(int, List<string>)> TupleAsyncCore(string id) => Task.FromResult((1, new List<string>()));
            [Idempotent] public partial Task<Dictionary<string, int[]>?> MapAsync(string id);
            private Task<Dictionary<string, int[]>?> MapAsyncCore(string id) => Task.FromResult<Dictionary<string, int[]>?>(null);
            [Idempotent] public partial decimal Total(string id);
            private decimal TotalCore(string id) => 1m;
        }

        public partial class StatefulWorkflow
        {
            [CheckpointState] public GetOnlyCollections State { get; set; } = new();

            [Checkpoint] public partial Task<Positional> StepAsync([WorkflowId] string run);
            private Task<Positional> StepAsyncCore(string run) => Task.FromResult(new Positional(run, 1m, DateTimeOffset.UnixEpoch));
        }
        """;
}
