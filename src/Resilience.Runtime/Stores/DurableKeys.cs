using System;
using System.Globalization;

namespace Resilience
{
    internal static class DurableKeys
    {
        private const int MaxShown = 200;

        /// <summary>A key as shown in a message: at most 200 characters (a 100 KB key is never echoed whole).</summary>
        public static string Shorten(string key) =>
            key.Length <= MaxShown
                ? key
                : string.Concat(key.AsSpan(0, char.IsHighSurrogate(key[MaxShown - 1]) ? MaxShown - 1 : MaxShown), "… (", key.Length.ToString(CultureInfo.InvariantCulture), " characters)");
    }
}
