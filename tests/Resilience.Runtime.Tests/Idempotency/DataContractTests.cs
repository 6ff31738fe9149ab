using Resilience.Testing;

namespace Resilience.Runtime.Tests.Idempotency;

// Issue #12's table, one test per row, on every store (in-memory and file here; PostgreSQL links this file).
public abstract class DataContractTests
{
    protected FakeClock Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvance = true };

    protected abstract IDurableStore Store { get; }

    private int _runs;

    private static readonly string s_run = Guid.NewGuid().ToString("N").Substring(0, 8);

    protected static IdempotencyPolicy Policy(string name) => new($"DataContract.{s_run}.{name}", IdempotencyOptions.Default);

    public sealed class Customer
    {
        public string Name = "";
        public int Limit;
    }

    public abstract class PaymentBase
    {
    }

    public sealed class CardPayment : PaymentBase
    {
        public decimal Amount { get; set; }
    }

    public sealed class Node
    {
        public string Name { get; set; } = "";
        public Node? Next { get; set; }
    }

    public interface IReceipt
    {
        string Id { get; }
    }

    public sealed class Receipt : IReceipt
    {
        public string Id { get; set; } = "";
    }

    public sealed class Sealed
    {
        public Sealed()
        {
        }

        public Sealed(string id, params int[] items)
        {
            Id = id;
            Items.AddRange(items);
            Total = items.Sum();
        }

        public string Id { get; private set; } = "";

        public List<int> Items { get; } = new();

        public int Total { get; }
    }

    public sealed record Money(decimal Amount, string Currency, DateTimeOffset At);

    // The shape the generator emits: fingerprint every argument, key = template or fingerprint, begin, run, complete.
    protected async Task<TResult> CallAsync<TResult>(IdempotencyPolicy policy, string? key, Func<TResult> body, params object?[] args)
    {
        var fingerprint = new ArgumentFingerprint();
        foreach (object? arg in args)
        {
            fingerprint.Add(arg);
        }

        string fp = fingerprint.ToHexString();
        IdempotencyClaim<TResult> claim = await policy.BeginAsync<TResult>(Store, key ?? fp, fp, CancellationToken.None);
        if (claim.IsReplay)
        {
            return claim.Result;
        }

        TResult result;
        try
        {
            Interlocked.Increment(ref _runs);
            result = body();
        }
        catch
        {
            await claim.ReleaseAsync();
            throw;
        }

        await claim.CompleteAsync(result);
        return result;
    }

    private async Task<TResult> CallTypedAsync<TArg, TResult>(IdempotencyPolicy policy, string? key, TArg arg, Func<TResult> body)
    {
        var fingerprint = new ArgumentFingerprint();
        fingerprint.Add(arg);
        string fp = fingerprint.ToHexString();
        IdempotencyClaim<TResult> claim = await policy.BeginAsync<TResult>(Store, key ?? fp, fp, CancellationToken.None);
        if (claim.IsReplay)
        {
            return claim.Result;
        }

        Interlocked.Increment(ref _runs);
        TResult result = body();
        await claim.CompleteAsync(result);
        return result;
    }

    [Fact]
    public async Task Tuple_arguments_with_different_values_both_run()
    {
        IdempotencyPolicy policy = Policy("tuple");
        string first = await CallTypedAsync(policy, null, (a: 1, b: 2), () => "1,2");
        string second = await CallTypedAsync(policy, null, (a: 3, b: 4), () => "3,4");

        Assert.Equal("1,2", first);
        Assert.Equal("3,4", second);
        Assert.Equal(2, _runs);
        Assert.Equal("1,2", await CallTypedAsync(policy, null, (a: 1, b: 2), () => "again"));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task Arguments_with_public_fields_are_told_apart()
    {
        IdempotencyPolicy policy = Policy("fields");
        string alice = await CallTypedAsync(policy, null, new Customer { Name = "alice", Limit = 10 }, () => "alice:10");
        string bob = await CallTypedAsync(policy, null, new Customer { Name = "bob", Limit = 999 }, () => "bob:999");

        Assert.Equal("alice:10", alice);
        Assert.Equal("bob:999", bob);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_key_template_reused_with_a_changed_field_is_detected()
    {
        IdempotencyPolicy policy = Policy("reuse");
        await CallTypedAsync(policy, "alice", new Customer { Name = "alice", Limit = 10 }, () => "alice:10");

        var ex = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(
            () => CallTypedAsync(policy, "alice", new Customer { Name = "alice", Limit = 999 }, () => "alice:999"));
        Assert.Equal("alice", ex.Key);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task The_runtime_type_of_an_argument_is_fingerprinted_not_the_declared_one()
    {
        IdempotencyPolicy policy = Policy("runtime-type");
        await CallTypedAsync<PaymentBase, decimal>(policy, null, new CardPayment { Amount = 10 }, () => 10m);
        decimal second = await CallTypedAsync<PaymentBase, decimal>(policy, null, new CardPayment { Amount = 999 }, () => 999m);

        Assert.Equal(999m, second);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task Lone_surrogate_strings_are_told_apart_as_arguments_and_as_keys()
    {
        Assert.NotEqual(Fingerprint("\uD800"), Fingerprint("\uDBFF"));
        Assert.NotEqual(Fingerprint("\uD800"), Fingerprint("\uFFFD"));

        IdempotencyPolicy policy = Policy("surrogates");
        string first = await CallAsync(policy, "k\uD800", () => "D800", "\uD800");
        string second = await CallAsync(policy, "k\uDBFF", () => "DBFF", "\uDBFF");

        Assert.Equal(("D800", "DBFF"), (first, second));
        Assert.Equal("D800", await CallAsync(policy, "k\uD800", () => "again", "\uD800"));
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task A_result_with_a_cycle_is_not_stored_the_caller_gets_a_clear_exception_and_duplicates_never_run_it_again()
    {
        IdempotencyPolicy policy = Policy("cycle");
        var first = await Assert.ThrowsAsync<DurableStoreException>(() => CallAsync(policy, "c", () =>
        {
            var node = new Node { Name = "a" };
            node.Next = node;
            return node;
        }));
        Assert.Contains("cycle", first.Message);
        Assert.Contains("ran", first.Message);

        // The next caller is not blocked for the lease and does not run the side effect again.
        var second = await Assert.ThrowsAsync<DurableStoreException>(() => CallAsync(policy, "c", () => new Node()));
        Assert.Contains("already ran", second.Message);
        Assert.Contains("could not be stored", second.Message);
        Assert.Equal(1, _runs);
        Assert.DoesNotContain(Clock.RequestedDelays, d => d >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task NaN_and_infinities_round_trip_exactly()
    {
        IdempotencyPolicy policy = Policy("nan");
        double[] values = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.Epsilon };
        await CallAsync(policy, "n", () => values);
        double[] replayed = await CallAsync(policy, "n", () => Array.Empty<double>());

        Assert.Equal(1, _runs);
        Assert.Equal(values.Select(BitConverter.DoubleToInt64Bits), replayed.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public async Task An_interface_result_type_is_rejected_before_the_method_runs()
    {
        IdempotencyPolicy policy = Policy("interface");
        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => CallAsync<IReceipt>(policy, "i", () => new Receipt { Id = "r1" }));
        Assert.Contains("IReceipt", ex.Message);
        Assert.Contains(policy.Name, ex.Message);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task Private_setters_and_get_only_collections_round_trip()
    {
        IdempotencyPolicy policy = Policy("private-setters");
        Sealed original = await CallAsync(policy, "s", () => new Sealed("r-42", 1, 2, 3));
        Sealed replayed = await CallAsync(policy, "s", () => new Sealed());

        Assert.Equal(1, _runs);
        Assert.Equal("r-42", replayed.Id);
        Assert.Equal(new[] { 1, 2, 3 }, replayed.Items);
        Assert.Equal(6, replayed.Total);
        Assert.Equal(original.Items, replayed.Items);
    }

    [Fact]
    public async Task An_object_result_type_is_rejected_before_the_method_runs_instead_of_replaying_a_JsonElement()
    {
        IdempotencyPolicy policy = Policy("object");
        var ex = await Assert.ThrowsAsync<NotSupportedException>(() => CallAsync<object>(policy, "o", () => 42));
        Assert.Contains("object", ex.Message);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task An_object_member_that_would_replay_as_JsonElement_is_not_stored()
    {
        IdempotencyPolicy policy = Policy("object-member");
        var ex = await Assert.ThrowsAsync<DurableStoreException>(
            () => CallAsync(policy, "d", () => new Dictionary<string, object> { ["n"] = 42 }));
        Assert.Contains("JsonElement", ex.Message);
        await Assert.ThrowsAsync<DurableStoreException>(() => CallAsync(policy, "d", () => new Dictionary<string, object>()));
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task Records_decimals_and_offsets_round_trip_exactly()
    {
        IdempotencyPolicy policy = Policy("record");
        var money = new Money(1.50m, "EUR", new DateTimeOffset(2026, 12, 2, 1, 2, 3, 456, TimeSpan.FromHours(5.5)).AddTicks(7));
        await CallAsync(policy, "m", () => money);
        Money replayed = await CallAsync(policy, "m", () => new Money(0, "", default));

        Assert.Equal(money, replayed);
        Assert.Equal("1.50", replayed.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(money.At.Offset, replayed.At.Offset);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task A_very_long_key_works_and_is_not_echoed_whole_in_messages()
    {
        IdempotencyPolicy policy = Policy("long-key");
        string key = "k" + new string('x', 100_000) + "\0\uD800";
        await CallAsync(policy, key, () => 1, 1);
        Assert.Equal(1, await CallAsync(policy, key, () => 2, 1));

        var ex = await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => CallAsync(policy, key, () => 3, 2));
        Assert.True(ex.Message.Length < 1_000, ex.Message.Length.ToString());
        Assert.Equal(key, ex.Key);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task Randomized_object_graphs_round_trip_through_the_store()
    {
        var random = new Random(12);
        IdempotencyPolicy policy = Policy("random");
        for (int i = 0; i < 60; i++)
        {
            RandomGraph original = RandomGraph.Create(random, depth: 0);
            RandomGraph stored = await CallAsync(policy, "g" + i, () => original);
            RandomGraph replayed = await CallAsync(policy, "g" + i, () => new RandomGraph());

            Assert.Same(original, stored);
            Assert.Equal(Fingerprint(original), Fingerprint(replayed));
        }

        Assert.Equal(60, _runs);
    }

    protected static string Fingerprint<T>(T value)
    {
        var fingerprint = new ArgumentFingerprint();
        fingerprint.Add(value);
        return fingerprint.ToHexString();
    }

    // The supported shapes: fields, private setters, get-only collections, nested objects, dictionaries, records,
    // nullable values, decimals, offsets, doubles incl. NaN and infinities, strings with any UTF-16 code unit that JSON holds.
    public sealed class RandomGraph
    {
        public int Number;
        public string? Text;

        public double Real { get; set; }

        public decimal Money { get; private set; }

        public DateTimeOffset At { get; set; }

        public Guid? MaybeId { get; set; }

        public List<RandomGraph> Children { get; } = new();

        public Dictionary<string, long> Counters { get; set; } = new();

        public Money? Price { get; init; }

        public int[]? Numbers { get; set; }

        public static RandomGraph Create(Random random, int depth)
        {
            double[] reals = { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1, -1e308, 5e-324 };
            var graph = new RandomGraph
            {
                Number = random.Next(),
                Text = random.Next(4) == 0 ? null : RandomText(random),
                Real = random.Next(3) == 0 ? reals[random.Next(reals.Length)] : random.NextDouble() * 1e6,
                At = new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks + TimeSpan.TicksPerDay, DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay), TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60))),
                MaybeId = random.Next(2) == 0 ? null : Guid.NewGuid(),
                Price = random.Next(2) == 0 ? null : new Money(random.Next(100_000) / 100m, RandomText(random), DateTimeOffset.UnixEpoch),
                Numbers = random.Next(3) == 0 ? null : Enumerable.Range(0, random.Next(5)).Select(_ => random.Next()).ToArray(),
            };
            graph.Money = new decimal(random.Next(), random.Next(), random.Next(), random.Next(2) == 0, (byte)random.Next(29));
            for (int i = random.Next(4); i > 0; i--)
            {
                graph.Counters[RandomText(random) + i] = random.NextInt64();
            }

            if (depth < 3)
            {
                for (int i = random.Next(3); i > 0; i--)
                {
                    graph.Children.Add(Create(random, depth + 1));
                }
            }

            return graph;
        }

        private static string RandomText(Random random)
        {
            var chars = new char[random.Next(12)];
            for (int i = 0; i < chars.Length; i++)
            {
                char c;
                do
                {
                    c = (char)random.Next(0, 0xFFFF);
                }
                while (char.IsSurrogate(c));
                chars[i] = c;
            }

            return new string(chars);
        }
    }
}

public sealed class InMemoryDataContractTests : DataContractTests
{
    public InMemoryDataContractTests()
    {
        Store = new InMemoryDurableStore(Clock);
    }

    protected override IDurableStore Store { get; }
}

public sealed class FileDataContractTests : DataContractTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "resilience-contract-" + Guid.NewGuid().ToString("N"));

    public FileDataContractTests()
    {
        Store = new FileDurableStore(_directory, Clock);
    }

    protected override IDurableStore Store { get; }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
