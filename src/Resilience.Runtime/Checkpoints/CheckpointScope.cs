using System;
using System.Collections.Generic;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// An ambient workflow run for <see cref="CheckpointAttribute"/> steps whose method has no <see cref="WorkflowIdAttribute"/>
    /// parameter: <c>using (new CheckpointScope("incident-42")) { await agent.RunAsync(); }</c>. Flows with the
    /// <see cref="ExecutionContext"/> (an <see cref="AsyncLocal{T}"/>), so it covers every step awaited inside it; scopes nest.
    /// </summary>
    /// <remarks>
    /// A scope is also the unit of a "run" for the ordering check of <see cref="CheckpointMismatchException"/>: create it
    /// before the workflow's first step, so that it sees every step the run replays or executes.
    /// </remarks>
    public sealed class CheckpointScope : IDisposable
    {
        private static readonly AsyncLocal<CheckpointScope?> s_current = new();

        private readonly CheckpointScope? _parent;
        private readonly object _gate = new();
        private readonly Dictionary<string, CheckpointRunState> _runs = new(StringComparer.Ordinal);
        private bool _disposed;

        /// <summary>Starts a scope and makes it <see cref="Current"/>.</summary>
        /// <param name="workflowId">The workflow run's id: the same id resumes the same run.</param>
        /// <param name="store">The store of the steps inside; <see langword="null"/> for the usual resolution.</param>
        public CheckpointScope(string workflowId, IDurableStore? store = null)
        {
            ArgumentException.ThrowIfNullOrEmpty(workflowId);
            WorkflowId = workflowId;
            Store = store;
            _parent = s_current.Value;
            s_current.Value = this;
        }

        /// <summary>The innermost scope of the current execution context, if any.</summary>
        public static CheckpointScope? Current => s_current.Value;

        /// <summary>The workflow run's id.</summary>
        public string WorkflowId { get; }

        /// <summary>The store of the steps inside (<see langword="null"/> for the usual resolution).</summary>
        public IDurableStore? Store { get; }

        /// <summary>Ends the scope: <see cref="Current"/> becomes the enclosing scope again.</summary>
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

        // The run state of (store, workflow id) seen by this scope or an enclosing one; created in the innermost scope.
        internal CheckpointRunState GetRun(string storeName, string workflowId)
        {
            string key = string.Concat(storeName, "\n", workflowId);
            for (CheckpointScope? scope = this; scope is not null; scope = scope._parent)
            {
                lock (scope._gate)
                {
                    if (scope._runs.TryGetValue(key, out CheckpointRunState? existing))
                    {
                        return existing;
                    }
                }
            }

            lock (_gate)
            {
                if (!_runs.TryGetValue(key, out CheckpointRunState? run))
                {
                    run = new CheckpointRunState(scoped: true);
                    _runs.Add(key, run);
                }

                return run;
            }
        }
    }
}
