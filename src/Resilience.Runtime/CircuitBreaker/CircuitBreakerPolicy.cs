using System;
using System.ComponentModel;

namespace Resilience
{
    /// <summary>
    /// The run-time side of one <see cref="CircuitBreakerAttribute"/>. Generated code holds one instance per annotated method in
    /// a static field; every instance with the same name shares one <see cref="CircuitBreaker"/> process-wide.
    /// <code>
    /// var breaker = s_policy.Enter();
    /// try { var r = Core(...); breaker.OnSuccess(); return r; }
    /// catch (Exception ex) { breaker.OnFailure(ex, cancellationToken); throw; }
    /// </code>
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class CircuitBreakerPolicy
    {
        /// <summary>
        /// Gets or creates the breaker named <paramref name="name"/> in <see cref="CircuitBreakerRegistry.Default"/>. The options
        /// of the first registration of a name win; later registrations with other options share that breaker and its options.
        /// </summary>
        /// <param name="name">The breaker's name (the attribute's <c>Name</c>, or <c>Namespace.Type.Method</c>).</param>
        /// <param name="options">The attribute's values; validated.</param>
        public CircuitBreakerPolicy(string name, CircuitBreakerOptions options)
            : this(name, options, CircuitBreakerRegistry.Default)
        {
        }

        /// <summary>Gets or creates the breaker named <paramref name="name"/> in <paramref name="registry"/>.</summary>
        public CircuitBreakerPolicy(string name, CircuitBreakerOptions options, CircuitBreakerRegistry registry)
        {
            if (registry is null)
            {
                throw new ArgumentNullException(nameof(registry));
            }

            Breaker = registry.GetOrAdd(name, options);
        }

        /// <summary>
        /// Gets or creates the breaker named <paramref name="name"/> in <see cref="CircuitBreakerRegistry.Default"/> and calls
        /// <paramref name="onStateChange"/> (the attribute's <c>OnStateChange</c>) after each of its state changes, on the thread
        /// that caused it. An exception from the callback is logged and swallowed: it never fails the call that caused the change.
        /// </summary>
        public CircuitBreakerPolicy(string name, CircuitBreakerOptions options, Action<CircuitBreakerStateChangedEventArgs> onStateChange)
            : this(name, options, CircuitBreakerRegistry.Default, onStateChange)
        {
        }

        /// <summary>Gets or creates the breaker named <paramref name="name"/> in <paramref name="registry"/> with a state-change callback.</summary>
        public CircuitBreakerPolicy(string name, CircuitBreakerOptions options, CircuitBreakerRegistry registry, Action<CircuitBreakerStateChangedEventArgs> onStateChange)
            : this(name, options, registry)
        {
            if (onStateChange is null)
            {
                throw new ArgumentNullException(nameof(onStateChange));
            }

            // One handler per policy, subscribed once: the delegate is allocated when the static field is initialised, never per call.
            Breaker.StateChanged += (_, change) => onStateChange(change);
        }

        /// <summary>The breaker's name.</summary>
        public string Name => Breaker.Name;

        /// <summary>The shared breaker.</summary>
        public CircuitBreaker Breaker { get; }

        /// <summary>The options in force on the shared breaker.</summary>
        public CircuitBreakerOptions Options => Breaker.Options;

        /// <summary>Admits one call or throws <see cref="CircuitBreakerOpenException"/>; see <see cref="CircuitBreaker.Enter"/>.</summary>
        public CircuitBreakerPermit Enter() => Breaker.Enter();

        /// <summary>Admits one call or reports its rejection without an exception; see <see cref="CircuitBreaker.TryEnter"/>.</summary>
        public bool TryEnter(out CircuitBreakerPermit permit, out CircuitBreakerRejection rejection) => Breaker.TryEnter(out permit, out rejection);

        /// <summary>Replaces the shared breaker's options in force; <see langword="null"/> restores the first registration's.</summary>
        public void Override(CircuitBreakerOptions? options) => Breaker.Override(options);
    }
}
