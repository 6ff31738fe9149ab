using System.Collections;
using System.Reflection;
using System.Text.Json;
using Resilience.Generator.Tests.TestClasses;

namespace Resilience.Generator.Tests;

/// <summary>
/// The shapes the generator accepts as stored results and checkpoint state (TestClasses/RoundTripShapes.cs compiles with
/// no RES0046–RES0049/RES0054) are stored and replayed exactly through the generated code, on the in-memory and the file
/// store: a duplicate call does not run, and its replay equals the original in every field, private ones included.
/// </summary>
public sealed class RoundTripGeneratedCodeTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "resilience-roundtrip-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Stores() => new() { "memory", "file" };

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Every_accepted_result_shape_replays_exactly(string kind)
    {
        IDurableStore store = Create(kind);
        var first = new RoundTripAgent(store);
        var replay = new RoundTripAgent(store);

        await Check(first, replay, a => a.FieldsAsync("k"));
        await Check(first, replay, a => a.PositionalAsync("k"));
        await Check(first, replay, a => a.CtorAsync("k"));
        await Check(first, replay, a => a.CollectionsAsync("k"));
        await Check(first, replay, a => a.AutoAsync("k"));
        await Check(first, replay, a => a.MoneyAsync("k"));
        await Check(first, replay, a => a.TreeAsync("k"));
        await Check(first, replay, a => a.EverythingAsync("k"));
        await Check(first, replay, a => a.TupleAsync("k"));
        await Check(first, replay, a => a.MapAsync("k"));
        await Check(first, replay, a => Task.FromResult(a.Total("k")));

        Assert.Equal(11, first.Runs);
        Assert.Equal(0, replay.Runs);
        Assert.Equal(99, (await replay.FieldsAsync("k")).Hidden);
        Assert.Equal("1.500", replay.Total("k").ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromHours(5.5), (await replay.PositionalAsync("k")).At.Offset);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_resumed_step_restores_its_result_and_state_exactly(string kind)
    {
        IDurableStore store = Create(kind);
        var first = new RoundTripAgent(store);
        first.State.Items.Add(100);
        first.State.Totals["seed"] = 0.50m;
        Everything original = await first.StepAsync("run-1", "one");

        var resumed = new RoundTripAgent(store);
        Everything replayed = await resumed.StepAsync("run-1", "one");

        Assert.Equal(1, first.Runs);
        Assert.Equal(0, resumed.Runs);
        AssertDeepEqual(original, replayed, "result");
        AssertDeepEqual(first.State, resumed.State, "state");
        Assert.Equal(new[] { 100, 2 }, resumed.State.Items);
        Assert.Equal("run-1:one", resumed.State.Id);
    }

    private IDurableStore Create(string kind) => kind == "file" ? new FileDurableStore(_directory) : new InMemoryDurableStore();

    private static async Task Check<T>(RoundTripAgent first, RoundTripAgent replay, Func<RoundTripAgent, Task<T>> call)
    {
        T original = await call(first);
        int runs = replay.Runs;
        T replayed = await call(replay);
        Assert.Equal(runs, replay.Runs);
        AssertDeepEqual(original, replayed, typeof(T).Name);
    }

    /// <summary>Every instance field (private and backing fields included), recursively; exact decimal scale, offsets and NaN bits.</summary>
    private static void AssertDeepEqual(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            return;
        }

        Type type = expected.GetType();
        switch (expected)
        {
            case string or bool or char or int or long or short or byte or Guid or DateTime or TimeSpan or DateOnly or Enum or Uri:
                Assert.True(expected.Equals(actual), $"{path}: {expected} vs {actual}");
                if (expected is DateTime time)
                {
                    Assert.Equal(time.Kind, ((DateTime)actual).Kind);
                }

                return;
            case decimal number:
                Assert.Equal(decimal.GetBits(number), decimal.GetBits((decimal)actual));
                return;
            case double number:
                Assert.Equal(BitConverter.DoubleToInt64Bits(number), BitConverter.DoubleToInt64Bits((double)actual));
                return;
            case DateTimeOffset offset:
                Assert.Equal(offset.UtcTicks, ((DateTimeOffset)actual).UtcTicks);
                Assert.Equal(offset.Offset, ((DateTimeOffset)actual).Offset);
                return;
            case JsonElement element:
                Assert.Equal(element.GetRawText(), ((JsonElement)actual).GetRawText());
                return;
            case IEnumerable sequence when expected is not string:
                object[] left = sequence.Cast<object>().ToArray();
                object[] right = ((IEnumerable)actual).Cast<object>().ToArray();
                Assert.True(left.Length == right.Length, $"{path}: {left.Length} vs {right.Length} elements");
                for (int i = 0; i < left.Length; i++)
                {
                    AssertDeepEqual(left[i], right[i], $"{path}[{i}]");
                }

                return;
        }

        Assert.True(type.IsAssignableFrom(actual.GetType()), $"{path}: {type} vs {actual.GetType()}");
        for (Type? current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (FieldInfo field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertDeepEqual(field.GetValue(expected), field.GetValue(actual), path + "." + field.Name);
            }
        }
    }
}
