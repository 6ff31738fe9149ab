namespace Resilience
{
    /// <summary>
    /// Implemented by every generated resilient proxy (<see cref="ResilientProxyAttribute"/>) for <typeparamref name="TService"/>:
    /// gives the instance the proxy forwards to. <c>AddResilientProxy&lt;TService, TProxy&gt;()</c> requires it, so only a
    /// generated proxy for that interface can decorate a registration.
    /// </summary>
    /// <typeparam name="TService">The proxied interface.</typeparam>
    public interface IResilientProxy<out TService>
        where TService : class
    {
        /// <summary>The instance every member is forwarded to (the one given to the proxy's constructor).</summary>
        TService Inner { get; }
    }
}
