using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>RES0050–RES0053, reported by the generator: [LastKnownGood] without a result, a bad max age, a result type the store cannot round-trip, a bad key template; and the stored-type checks (RES0046–RES0049, RES0054) on its result.</summary>
public class LastKnownGoodUsageRuleTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> Verify(string markup) =>
        UsageVerifier.VerifyAsync(markup);

    [Fact]
    public async Task ValidLastKnownGood_ReportsNothing()
    {
        await Verify("""
            public record Metrics(double Cpu);

            public partial class Agent
            {
                [CircuitBreaker(FailureThreshold = 3)]
                [LastKnownGood(MaxAgeSeconds = 600, Key = "{service}", Order = 1)]
                [Fallback(nameof(Defaults))]
                public partial Task<Metrics> FetchAsync(string service, CancellationToken ct);
                private Task<Metrics> FetchAsyncCore(string service, CancellationToken ct) => Task.FromResult(new Metrics(1));
                private Task<Metrics> Defaults(string service, CancellationToken ct) => Task.FromResult(new Metrics(0));

                [LastKnownGood]
                public partial int Count();
                private int CountCore() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0050_NoResult()
    {
        await Verify("""
            public partial class Agent
            {
                [{|RES0050:LastKnownGood|}]
                public partial Task RefreshAsync(string service);
                private Task RefreshAsyncCore(string service) => Task.CompletedTask;

                [{|RES0050:LastKnownGood(MaxAgeSeconds = 10)|}]
                public partial void Refresh();
                private void RefreshCore() { }
            }
            """);
    }

    [Fact]
    public async Task RES0051_MaxAge()
    {
        await Verify("""
            public partial class Agent
            {
                [LastKnownGood({|RES0051:MaxAgeSeconds = 0|})]
                public partial int A();
                private int ACore() => 1;

                [LastKnownGood({|RES0051:MaxAgeSeconds = -5|})]
                public partial Task<int> BAsync();
                private Task<int> BAsyncCore() => Task.FromResult(1);
            }
            """);
    }

    [Fact]
    public async Task RES0052_UnstorableResult()
    {
        await Verify("""
            public abstract class Shape { }

            public partial class Agent
            {
                [{|RES0052:LastKnownGood|}]
                public partial object A();
                private object ACore() => 1;

                [{|RES0052:LastKnownGood|}]
                public partial Task<IReadOnlyList<int>> BAsync();
                private Task<IReadOnlyList<int>> BAsyncCore() => Task.FromResult<IReadOnlyList<int>>(new[] { 1 });

                [{|RES0052:LastKnownGood|}]
                public partial Shape C();
                private Shape CCore() => null!;

                [{|RES0052:LastKnownGood|}]
                public partial T D<T>();
                private T DCore<T>() => default!;
            }
            """);
    }

    [Fact]
    public async Task RES0053_KeyTemplate()
    {
        await Verify("""
            public partial class Agent
            {
                [LastKnownGood(Key = "svc:{|RES0053:{servce}|}")]
                public partial int A(string service);
                private int ACore(string service) => 1;

                [LastKnownGood(Key = {|RES0053:""|})]
                public partial int B(string service);
                private int BCore(string service) => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0044_OnAProxiedInterfaceMember_AndAppliedOnTheProxysDeclaration()
    {
        await Verify("""
            public record Metrics(double Cpu);

            public interface IMetrics
            {
                [{|RES0044:LastKnownGood|}]
                Task<Metrics> FetchAsync(string service);
                Task<Metrics> OtherAsync(string service);
            }

            [ResilientProxy(typeof(IMetrics))]
            public partial class ResilientMetrics
            {
                [LastKnownGood(MaxAgeSeconds = 60)]
                public partial Task<Metrics> OtherAsync(string service);
            }
            """);
    }

    [Fact]
    public async Task StoredTypeChecks_ApplyToTheLastKnownGoodResult()
    {
        // A concrete result type (no RES0052) whose member cannot be set back: RES0047, as for [Idempotent].
        await Verify("""
            public sealed class Snapshot
            {
                private double _cpu;
                public double Cpu => _cpu;
                public void Set(double cpu) => _cpu = cpu;
            }

            public partial class Agent
            {
                [LastKnownGood]
                public partial Task<{|RES0047:Snapshot|}> FetchAsync(string service);
                private Task<Snapshot> FetchAsyncCore(string service) => Task.FromResult(new Snapshot());
            }
            """);
    }
}
