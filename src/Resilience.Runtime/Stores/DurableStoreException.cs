using System;

namespace Resilience
{
    /// <summary>
    /// Thrown when a durable store fails or cannot be reached. The protected action is not run: a call is never made
    /// "without protection" because its store is down.
    /// </summary>
    public class DurableStoreException : ResilienceException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="storeName">The store's <see cref="IDurableStore.Name"/>.</param>
        /// <param name="key">The key the operation was about (empty for operations on the whole store).</param>
        /// <param name="message">What failed.</param>
        /// <param name="innerException">The underlying failure.</param>
        public DurableStoreException(string storeName, string key, string message, Exception? innerException = null)
            : base(storeName, message, innerException)
        {
            Key = key ?? string.Empty;
        }

        /// <summary>The store's <see cref="IDurableStore.Name"/> (also <see cref="ResilienceException.PolicyName"/>).</summary>
        public string StoreName => PolicyName;

        /// <summary>The key the failed operation was about.</summary>
        public string Key { get; }

        internal static DurableStoreException Wrap(string storeName, string key, string operation, Exception exception) =>
            new(storeName, key, $"Durable store '{storeName}' failed to {operation} key '{DurableKeys.Shorten(key)}': {exception.Message}", exception);
    }
}
