using System;
using System.ComponentModel;

namespace Resilience
{
    /// <summary>
    /// An include/exclude list of exception types, as given by attribute arguments such as <c>RetryOn</c>/<c>AbortOn</c>.
    /// An exception matches when it derives from no excluded type and either the include list is empty or it derives from an included type.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ExceptionTypeFilter
    {
        /// <summary>A filter that matches every exception.</summary>
        public static ExceptionTypeFilter All { get; } = new ExceptionTypeFilter(Array.Empty<Type>(), Array.Empty<Type>());

        private readonly Type[] _include;
        private readonly Type[] _exclude;

        /// <summary>Creates a filter.</summary>
        /// <param name="include">Types that match (with subclasses); empty means every exception.</param>
        /// <param name="exclude">Types that never match (with subclasses); they win over <paramref name="include"/>.</param>
        public ExceptionTypeFilter(Type[]? include, Type[]? exclude)
        {
            _include = Validate(include, nameof(include));
            _exclude = Validate(exclude, nameof(exclude));
        }

        /// <summary>The included types.</summary>
        public ReadOnlySpan<Type> Include => _include;

        /// <summary>The excluded types.</summary>
        public ReadOnlySpan<Type> Exclude => _exclude;

        /// <summary>Whether <paramref name="exception"/> passes the filter.</summary>
        public bool Matches(Exception exception)
        {
            foreach (Type type in _exclude)
            {
                if (type.IsInstanceOfType(exception))
                {
                    return false;
                }
            }

            if (_include.Length == 0)
            {
                return true;
            }

            foreach (Type type in _include)
            {
                if (type.IsInstanceOfType(exception))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether an exception of exactly <paramref name="exceptionType"/> would pass the filter, without one at hand.</summary>
        internal bool Matches(Type exceptionType)
        {
            foreach (Type type in _exclude)
            {
                if (type.IsAssignableFrom(exceptionType))
                {
                    return false;
                }
            }

            if (_include.Length == 0)
            {
                return true;
            }

            foreach (Type type in _include)
            {
                if (type.IsAssignableFrom(exceptionType))
                {
                    return true;
                }
            }

            return false;
        }

        private static Type[] Validate(Type[]? types, string parameterName)
        {
            if (types is null || types.Length == 0)
            {
                return Array.Empty<Type>();
            }

            foreach (Type type in types)
            {
                if (type is null || !typeof(Exception).IsAssignableFrom(type))
                {
                    throw new ArgumentException($"'{type}' is not an exception type.", parameterName);
                }
            }

            return (Type[])types.Clone();
        }
    }
}
