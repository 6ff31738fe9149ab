using System;
using System.ComponentModel;

namespace Resilience
{
    /// <summary>The answer of <see cref="LastKnownGoodPolicy.TryGetAsync{TResult}"/>: a stored value young enough to serve, or none.</summary>
    /// <typeparam name="TResult">The method's result type.</typeparam>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct LastKnownGoodValue<TResult>
    {
        internal LastKnownGoodValue(TResult value, TimeSpan age)
        {
            HasValue = true;
            Value = value;
            Age = age;
        }

        /// <summary>Whether a value is served.</summary>
        public bool HasValue { get; }

        /// <summary>The stored value (default when <see cref="HasValue"/> is false).</summary>
        public TResult Value { get; }

        /// <summary>How long ago the value was the primary's answer.</summary>
        public TimeSpan Age { get; }
    }
}
