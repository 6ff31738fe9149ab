using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience.Runtime.Tests.Proxies
{
    /// <summary>A typed HttpClient consumed through an interface, as agents consume SDK clients.</summary>
    public interface IStatusClient
    {
        Task<string> GetStatusAsync(CancellationToken ct = default);
    }

    public sealed class StatusClient : IStatusClient
    {
        private readonly HttpClient _http;

        public StatusClient(HttpClient http) => _http = http;

        public Task<string> GetStatusAsync(CancellationToken ct = default) => _http.GetStringAsync("/status", ct);
    }

    /// <summary>Answers every request in process: no network.</summary>
    public sealed class StatusHandler : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("green from " + request.RequestUri) });
        }
    }

    // The generated shape for [ResilientProxy(typeof(IStatusClient))] without policies: forwarding only.
    public partial class ResilientStatusClient : IStatusClient, IResilientProxy<IStatusClient>
    {
        private readonly IStatusClient _inner;

        public ResilientStatusClient(IStatusClient inner) => _inner = inner ?? throw new System.ArgumentNullException(nameof(inner));

        IStatusClient IResilientProxy<IStatusClient>.Inner => _inner;

        [System.Runtime.CompilerServices.ModuleInitializer]
        internal static void RegisterResilientProxy() =>
            ResilientProxyFactory<IStatusClient, ResilientStatusClient>.Register(static inner => new ResilientStatusClient(inner));

        public Task<string> GetStatusAsync(CancellationToken ct = default) => _inner.GetStatusAsync(ct);
    }

    /// <summary>A proxy that never registered its constructor (as a generic or private nested proxy cannot).</summary>
    public sealed class UnregisteredStatusProxy : IStatusClient, IResilientProxy<IStatusClient>
    {
        public UnregisteredStatusProxy(IStatusClient inner) => Inner = inner;

        public IStatusClient Inner { get; }

        public Task<string> GetStatusAsync(CancellationToken ct = default) => Inner.GetStatusAsync(ct);
    }
}
