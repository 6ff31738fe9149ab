using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.Generator.Tests.TestClasses;

// Every shape the generator's data-contract rules (RES0046–RES0049, RES0054) accept: this file compiles only if none is
// flagged, and RoundTripGeneratedCodeTests stores and replays each through the generated code and deep-compares.
public enum Tier { Free, Gold }

public sealed class WithFields
{
    public int Count;
    public string Name = "";
    [JsonInclude] private int _hidden;

    public int Hidden => _hidden;

    public void Hide(int value) => _hidden = value;
}

public sealed record Positional(string Id, decimal Amount, DateTimeOffset At);

public sealed class CtorOnly
{
    public CtorOnly(string id, IReadOnlyList<int> items)
    {
        Id = id;
        Items = items;
    }

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

public sealed class GetOnlyAuto
{
    public GetOnlyAuto()
    {
    }

    public GetOnlyAuto(int seed) => Seed = seed;

    public int Seed { get; }
}

public struct Point
{
    public int X;

    public int Y { get; set; }
}

public readonly record struct Money(decimal Amount, string Currency);

public readonly struct Coord
{
    public readonly int Lat;
    public readonly int Lon;

    [JsonConstructor]
    public Coord(int lat, int lon)
    {
        Lat = lat;
        Lon = lon;
    }
}

public sealed class Tree
{
    public string Name { get; set; } = "";

    public Tree? Next { get; set; }

    public List<Tree> Children { get; set; } = new();
}

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

    public JsonElement Raw { get; set; }

    public Uri? Link { get; set; }

    public DateOnly Day { get; set; }

    public Coord Where { get; set; }
}

/// <summary>One [Idempotent] method and one checkpoint step per accepted shape; each counts its runs.</summary>
public partial class RoundTripAgent(IDurableStore store) : IHasResilienceStore
{
    public IDurableStore? ResilienceStore => store;

    public int Runs { get; private set; }

    [CheckpointState]
    public GetOnlyCollections State { get; set; } = new();

    [Idempotent]
    public partial Task<WithFields> FieldsAsync(string id);
    private Task<WithFields> FieldsAsyncCore(string id) => Run(RoundTripValues.Fields());

    [Idempotent]
    public partial Task<Positional> PositionalAsync(string id);
    private Task<Positional> PositionalAsyncCore(string id) => Run(RoundTripValues.Positional());

    [Idempotent]
    public partial Task<CtorOnly> CtorAsync(string id);
    private Task<CtorOnly> CtorAsyncCore(string id) => Run(new CtorOnly(id, new[] { 3, 1, 2 }));

    [Idempotent]
    public partial Task<GetOnlyCollections> CollectionsAsync(string id);
    private Task<GetOnlyCollections> CollectionsAsyncCore(string id) => Run(RoundTripValues.Collections(id));

    [Idempotent]
    public partial Task<GetOnlyAuto> AutoAsync(string id);
    private Task<GetOnlyAuto> AutoAsyncCore(string id) => Run(new GetOnlyAuto(42));

    [Idempotent]
    public partial Task<Money> MoneyAsync(string id);
    private Task<Money> MoneyAsyncCore(string id) => Run(new Money(10.50m, "EUR"));

    [Idempotent]
    public partial Task<Tree> TreeAsync(string id);
    private Task<Tree> TreeAsyncCore(string id) => Run(RoundTripValues.Tree());

    [Idempotent]
    public partial Task<Everything> EverythingAsync(string id);
    private Task<Everything> EverythingAsyncCore(string id) => Run(RoundTripValues.Everything());

    [Idempotent]
    public partial Task<(int, List<string>)> TupleAsync(string id);
    private Task<(int, List<string>)> TupleAsyncCore(string id) => Run((7, new List<string> { "a", "\u00e9\U0001F600", "" }));

    [Idempotent]
    public partial Task<Dictionary<string, int[]>?> MapAsync(string id);
    private Task<Dictionary<string, int[]>?> MapAsyncCore(string id) => Run<Dictionary<string, int[]>?>(new() { ["x"] = new[] { 1, 2 }, ["y"] = Array.Empty<int>() });

    [Idempotent]
    public partial decimal Total(string id);
    private decimal TotalCore(string id)
    {
        Runs++;
        return 1.500m;
    }

    [Checkpoint]
    public partial Task<Everything> StepAsync([WorkflowId] string run, string item);
    private Task<Everything> StepAsyncCore(string run, string item)
    {
        State.Items.Add(State.Items.Count + 1);
        State.Totals[item] = 1.10m * State.Items.Count;
        State.Set(run + ":" + item);
        return Run(RoundTripValues.Everything());
    }

    private Task<T> Run<T>(T value)
    {
        Runs++;
        return Task.FromResult(value);
    }
}

public static class RoundTripValues
{
    public static WithFields Fields()
    {
        var value = new WithFields { Count = 3, Name = "n\u00e9" };
        value.Hide(99);
        return value;
    }

    public static Positional Positional() => new("p-1", 12.340m, new DateTimeOffset(2026, 12, 2, 13, 14, 15, TimeSpan.FromHours(5.5)));

    public static GetOnlyCollections Collections(string id)
    {
        var value = new GetOnlyCollections();
        value.Items.AddRange(new[] { 5, 6 });
        value.Totals["a"] = 1.0m;
        value.Totals["b"] = 2.00m;
        value.Set(id);
        return value;
    }

    public static Tree Tree() => new()
    {
        Name = "root",
        Next = new Tree { Name = "next" },
        Children = { new Tree { Name = "c1", Children = { new Tree { Name = "c1.1" } } }, new Tree { Name = "c2" } },
    };

    public static Everything Everything() => new()
    {
        At = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(-7)),
        When = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        Took = TimeSpan.FromTicks(123456789),
        Id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Amount = 1.2300m,
        Ratio = double.NaN,
        Tier = Tier.Gold,
        Maybe = 0,
        Note = null,
        Numbers = new[] { int.MinValue, 0, int.MaxValue },
        Points = { new Point { X = 1, Y = 2 }, new Point { X = -3, Y = 4 } },
        Wallet = { ["main"] = new Money(5.0m, "USD") },
        Pair = (2, "two"),
        Old = Tuple.Create(1, "one"),
        Entry = new KeyValuePair<string, int>("k", 9),
        Tags = { "x", "y" },
        Raw = JsonDocument.Parse("{\"a\":[1,2.50,null]}").RootElement.Clone(),
        Link = new Uri("https://example.com/a?b=c"),
        Day = new DateOnly(2026, 12, 2),
        Where = new Coord(-33, 151),
    };
}
