using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience.Runtime.Tests.Proxies
{
    /// <summary>An inner <see cref="IInventoryApi"/> that records calls and fails on demand.</summary>
    public sealed class FakeInventoryApi : IInventoryApi, IDisposable
    {
        private readonly Dictionary<string, string> _labels = new();

        public int Version { get; set; } = 7;

        public int GetStockCalls { get; private set; }

        public int SetStockCalls { get; private set; }

        /// <summary>How many of the next calls to either method throw.</summary>
        public int FailuresLeft { get; set; }

        public CancellationToken LastToken { get; private set; }

        public bool Disposed { get; private set; }

        public event EventHandler? Changed;

        public string this[string sku]
        {
            get => _labels.TryGetValue(sku, out string? label) ? label : string.Empty;
            set => _labels[sku] = value;
        }

        public Task<int> GetStockAsync(string sku, CancellationToken ct = default)
        {
            GetStockCalls++;
            LastToken = ct;
            return FailuresLeft-- > 0 ? Task.FromException<int>(new InvalidOperationException("inventory down")) : Task.FromResult(sku.Length);
        }

        public Task SetStockAsync(string sku, int count, CancellationToken ct = default)
        {
            SetStockCalls++;
            LastToken = ct;
            if (FailuresLeft-- > 0)
            {
                return Task.FromException(new InvalidOperationException("inventory down"));
            }

            Changed?.Invoke(this, EventArgs.Empty);
            return Task.CompletedTask;
        }

        public T Describe<T>(string sku)
            where T : class, new() => new T();

        public void Dispose() => Disposed = true;
    }

    /// <summary>Overrides the default interface member, which the proxy must reach.</summary>
    public sealed class SummarizingInventoryApi : IInventoryApi
    {
        public int Version => 1;

        public event EventHandler? Changed
        {
            add { }
            remove { }
        }

        public string this[string sku]
        {
            get => sku;
            set { }
        }

        public Task<int> GetStockAsync(string sku, CancellationToken ct = default) => Task.FromResult(0);

        public Task SetStockAsync(string sku, int count, CancellationToken ct = default) => Task.CompletedTask;

        public T Describe<T>(string sku)
            where T : class, new() => new T();

        public string Summary() => "own summary";
    }
}
