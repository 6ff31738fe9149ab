using Resilience.Analyzers.Tests.Infrastructure;

namespace Resilience.Analyzers.Tests.Hazards;

/// <summary>The walk follows calls through interfaces, abstract and virtual members into every implementation.</summary>
public class InterfaceDispatchTests
{
    [Fact]
    public async Task CallsThroughInterfacesAbstractAndVirtualMembers_ReachTheImplementations()
    {
        await HazardVerifier.VerifyAsync(
            """
            public interface IWallet { void Debit(decimal amount); }
            public sealed class Wallet : IWallet
            {
                private decimal _balance;
                public void Debit(decimal amount) { {|#0:_balance -= amount|}; }
            }
            public abstract class Channel { public abstract void Send(string text); public virtual void Flush() { } }
            public sealed class EmailChannel : Channel
            {
                private readonly List<string> _outbox = new();
                public override void Send(string text) { {|RES1005:_outbox.Add(text)|}; }
                public override void Flush() { }
            }
            public interface IRepository<T> { void Save(T item); }
            public sealed class CountingRepository : IRepository<string>
            {
                private int _saved;
                void IRepository<string>.Save(string item) { {|RES1001:_saved++|}; }
            }
            public interface IUnused { void Touch(); }
            public sealed class Unused : IUnused { private int _n; public void Touch() { _n++; } }
            public partial class Checkout
            {
                private readonly IWallet _wallet;
                private readonly Channel _channel;
                private readonly IRepository<string> _repository;
                public Checkout(IWallet wallet, Channel channel, IRepository<string> repository) { _wallet = wallet; _channel = channel; _repository = repository; }

                [Retry]
                public partial void Pay(decimal amount);
                private void PayCore(decimal amount)
                {
                    _wallet.Debit(amount);
                    _channel.Send("paid");
                    _channel.Flush();
                    _repository.Save("receipt");
                    Action later = () => _wallet.Debit(1m);
                    later();
                }
            }
            """,
            HazardVerifier.Diagnostic("RES1001", 0).WithMessage(
                "'Wallet.Debit' subtracts from field '_balance', and it runs again on every retry of 'Pay'"));
    }

    [Fact]
    public async Task RES1003_Toggles_AndRes1005_RequestBuildersAndContainsGuardsStaySilent()
    {
        await HazardVerifier.VerifyAsync(
            """
            public sealed class SendOptions { public List<string> Tags { get; } = new(); }
            public partial class Flags
            {
                private bool _enabled;
                private readonly HashSet<string> _seen = new();
                private readonly List<string> _log = new();
                private readonly SendOptions _options = new();

                [Retry]
                public partial Task FlipAsync(string id, System.Data.Common.DbConnection connection);
                private async Task FlipAsyncCore(string id, System.Data.Common.DbConnection connection)
                {
                    {|RES1003:_enabled = !_enabled|};
                    if (!_seen.Contains(id))
                    {
                        _log.Add(id);
                    }

                    _options.Tags.Add(id);
                    using var command = connection.CreateCommand();
                    var parameter = command.CreateParameter();
                    command.Parameters.Add(parameter);
                    using var request = new HttpRequestMessage(HttpMethod.Get, "/x");
                    request.Headers.Add("X-Id", id);
                    _enabled = true;
                    await Task.CompletedTask;
                }
            }
            """);
    }
}
