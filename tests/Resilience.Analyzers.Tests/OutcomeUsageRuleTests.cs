using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests;

/// <summary>
/// RES0030–RES0037, reported by the generator: outcome options (result predicates, Retry-After, callbacks, count window,
/// slow calls, timeout scopes) with exact spans (see <see cref="UsageVerifier"/>).
/// </summary>
public class OutcomeUsageRuleTests
{
    private static Task<System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> Verify(string markup) =>
        UsageVerifier.VerifyAsync(markup);

    [Fact]
    public async Task ValidOutcomeOptions_ReportNothing()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry(RetryOnResult = nameof(IsBusy), RetryAfter = nameof(ServerDelay), OnRetry = nameof(LogRetry), Jitter = Jitter.Proportional)]
                [CircuitBreaker(FailureRatio = 0.5, SamplingCalls = 4, SlowCallMs = 100, SlowCallRatio = 0.5, HandleOnResult = nameof(IsBusy), OnStateChange = nameof(OnChange))]
                [Timeout(100)]
                [Timeout(1_000, Scope = TimeoutScope.Overall)]
                [Fallback(nameof(Cached), HandleOnResult = nameof(IsBusy))]
                public partial Task<int> FetchAsync(CancellationToken ct);
                private Task<int> FetchAsyncCore(CancellationToken ct) => Task.FromResult(1);
                private Task<int> Cached(CancellationToken ct) => Task.FromResult(0);
                private bool IsBusy(int result) => result < 0;
                private static TimeSpan? ServerDelay(int result) => null;
                private static TimeSpan? ServerDelay(Exception error) => null;
                private void LogRetry(RetryAttempt<int> attempt) { }
                private static void OnChange(CircuitBreakerStateChangedEventArgs change) { }

                [Retry(OnRetry = nameof(LogVoid))]
                public partial Task SendAsync(CancellationToken ct);
                private Task SendAsyncCore(CancellationToken ct) => Task.CompletedTask;
                private static void LogVoid(RetryAttempt attempt) { }

                [Retry(RetryOnResult = nameof(IsTransientObject))]
                public partial HttpResponseMessage Get();
                private HttpResponseMessage GetCore() => new HttpResponseMessage();
                private static bool IsTransientObject(object response) => false;
            }
            """);
    }

    [Fact]
    public async Task RES0030_ResultPredicate()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry({|RES0030:RetryOnResult = nameof(TakesString)|})]
                public partial int A();
                private int ACore() => 1;
                private static bool TakesString(string s) => true;

                [CircuitBreaker({|RES0030:HandleOnResult = "Missing"|})]
                public partial Task<int> BAsync();
                private Task<int> BAsyncCore() => Task.FromResult(1);

                [Fallback(nameof(Cached), {|RES0030:HandleOnResult = nameof(Instance)|})]
                public static partial int C();
                private static int CCore() => 1;
                private static int Cached() => 0;
                private bool Instance(int result) => true;

                [Retry({|RES0030:RetryOnResult = nameof(ReturnsInt)|})]
                public partial int D();
                private int DCore() => 1;
                private static int ReturnsInt(int result) => result;
            }
            """);
    }

    [Fact]
    public async Task RES0031_RetryAfter()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry({|RES0031:RetryAfter = nameof(WrongReturn)|})]
                public partial Task<int> AAsync();
                private Task<int> AAsyncCore() => Task.FromResult(1);
                private static TimeSpan WrongReturn(int result) => TimeSpan.Zero;

                [Retry({|RES0031:RetryAfter = "Missing"|})]
                public partial int B();
                private int BCore() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0032_OnRetry()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry({|RES0032:OnRetry = nameof(WrongResult)|})]
                public partial Task<int> AAsync();
                private Task<int> AAsyncCore() => Task.FromResult(1);
                private static void WrongResult(RetryAttempt<string> attempt) { }

                [Retry({|RES0032:OnRetry = nameof(Generic)|})]
                public partial void B();
                private void BCore() { }
                private static void Generic(RetryAttempt<int> attempt) { }
            }
            """);
    }

    [Fact]
    public async Task RES0033_OnStateChange()
    {
        await Verify("""
            public partial class Agent
            {
                [CircuitBreaker({|RES0033:OnStateChange = nameof(Instance)|})]
                public partial int A();
                private int ACore() => 1;
                private void Instance(CircuitBreakerStateChangedEventArgs change) { }

                [CircuitBreaker({|RES0033:OnStateChange = nameof(NoArgs)|})]
                public partial int B();
                private int BCore() => 1;
                private static void NoArgs() { }
            }
            """);
    }

    [Fact]
    public async Task RES0034_SamplingCalls()
    {
        await Verify("""
            public partial class Agent
            {
                [CircuitBreaker({|RES0034:SamplingCalls = 4|})]
                public partial int A();
                private int ACore() => 1;

                [CircuitBreaker(FailureRatio = 0.5, SamplingDurationMs = 1_000, {|RES0034:SamplingCalls = 4|})]
                public partial int B();
                private int BCore() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0035_TwoTimeoutsOfOneScope()
    {
        await Verify("""
            public partial class Agent
            {
                [Timeout(100)]
                [{|RES0035:Timeout(200)|}]
                public partial Task AAsync(CancellationToken ct);
                private Task AAsyncCore(CancellationToken ct) => Task.CompletedTask;

                [Timeout(100, Scope = TimeoutScope.Overall)]
                [{|RES0035:Timeout(200, Scope = TimeoutScope.Overall)|}]
                public partial Task BAsync(CancellationToken ct);
                private Task BAsyncCore(CancellationToken ct) => Task.CompletedTask;
            }
            """);
    }

    [Fact]
    public async Task RES0036_ResultOptionOnMethodWithoutResult()
    {
        await Verify("""
            public partial class Agent
            {
                [Retry({|RES0036:RetryOnResult = nameof(IsBad)|}, {|RES0036:RetryAfter = nameof(Delay)|})]
                public partial Task AAsync();
                private Task AAsyncCore() => Task.CompletedTask;
                private static bool IsBad(object result) => true;
                private static TimeSpan? Delay(Exception error) => null;

                [CircuitBreaker({|RES0036:HandleOnResult = nameof(IsBad)|})]
                public partial void B();
                private void BCore() { }
            }
            """);
    }

    [Fact]
    public async Task RES0037_SlowCallRatio()
    {
        await Verify("""
            public partial class Agent
            {
                [CircuitBreaker(FailureRatio = 0.5, {|RES0037:SlowCallRatio = 0.5|})]
                public partial int A();
                private int ACore() => 1;

                [CircuitBreaker(SlowCallMs = 100, {|RES0037:SlowCallRatio = 0.5|})]
                public partial int B();
                private int BCore() => 1;
            }
            """);
    }

    [Fact]
    public async Task RES0007_NewNumbersOutOfRange()
    {
        await Verify("""
            public partial class Agent
            {
                [CircuitBreaker({|RES0007:SamplingCalls = -1|}, {|RES0007:SlowCallMs = -5|})]
                public partial int A();
                private int ACore() => 1;
            }
            """);
    }
}
