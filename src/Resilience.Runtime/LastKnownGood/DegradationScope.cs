using System;
using System.Collections.Generic;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// Lets a caller learn whether the answers it got inside the scope were degraded (a last known good value or a fallback),
    /// and how far. Costs nothing unless a scope is open: nothing is recorded on the success path at all, and a degraded
    /// answer outside any scope reads one <see cref="AsyncLocal{T}"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// using (var scope = DegradationScope.Begin())
    /// {
    ///     Metrics metrics = await agent.FetchMetricsAsync("checkout", ct);
    ///     if (scope.IsDegraded)
    ///     {
    ///         Console.WriteLine($"metrics are {scope.Level} ({scope.Answers[0].StaleAge} old)");
    ///     }
    /// }
    /// </code>
    /// </example>
    /// <remarks>
    /// The scope flows with the execution context into the calls made inside it (also across <c>await</c> and into tasks they
    /// start). Nested scopes all see the answers given inside the innermost one. Dispose it on the thread/context that began it.
    /// </remarks>
    public sealed class DegradationScope : IDisposable
    {
        private static readonly AsyncLocal<DegradationScope?> s_current = new();

        private readonly DegradationScope? _parent;
        private readonly object _gate = new();
        private List<DegradedAnswer>? _answers;
        private bool _disposed;

        private DegradationScope(DegradationScope? parent)
        {
            _parent = parent;
        }

        /// <summary>The innermost open scope of the current execution context, if any.</summary>
        public static DegradationScope? Current => s_current.Value;

        /// <summary>Whether any answer inside the scope was degraded.</summary>
        public bool IsDegraded => Level != DegradationLevel.Full;

        /// <summary>The worst level of the answers inside the scope (<see cref="DegradationLevel.Full"/> when none was degraded).</summary>
        public DegradationLevel Level
        {
            get
            {
                lock (_gate)
                {
                    DegradationLevel worst = DegradationLevel.Full;
                    if (_answers is not null)
                    {
                        foreach (DegradedAnswer answer in _answers)
                        {
                            if (answer.Level > worst)
                            {
                                worst = answer.Level;
                            }
                        }
                    }

                    return worst;
                }
            }
        }

        /// <summary>The degraded answers given inside the scope, in order.</summary>
        public IReadOnlyList<DegradedAnswer> Answers
        {
            get
            {
                lock (_gate)
                {
                    return _answers is null ? Array.Empty<DegradedAnswer>() : _answers.ToArray();
                }
            }
        }

        /// <summary>Opens a scope in the current execution context.</summary>
        public static DegradationScope Begin()
        {
            var scope = new DegradationScope(s_current.Value);
            s_current.Value = scope;
            return scope;
        }

        /// <summary>Closes the scope: the enclosing one (if any) becomes current again.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (ReferenceEquals(s_current.Value, this))
            {
                s_current.Value = _parent;
            }
        }

        internal static void Report(DegradedAnswer answer)
        {
            for (DegradationScope? scope = s_current.Value; scope is not null; scope = scope._parent)
            {
                lock (scope._gate)
                {
                    (scope._answers ??= new List<DegradedAnswer>()).Add(answer);
                }
            }
        }
    }
}
