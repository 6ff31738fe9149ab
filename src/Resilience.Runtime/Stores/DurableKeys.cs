using System;
using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Resilience
{
    /// <summary>Key handling shared by the durable stores: a fixed-length hash, a readable form, and a short form for messages.</summary>
    internal static class DurableKeys
    {
        private const int MaxShown = 200;

        /// <summary>A key as shown in a message: at most 200 characters (a 100 KB key is never echoed whole).</summary>
        public static string Shorten(string key) =>
            key.Length <= MaxShown
                ? key
                : string.Concat(key.AsSpan(0, char.IsHighSurrogate(key[MaxShown - 1]) ? MaxShown - 1 : MaxShown), "… (", key.Length.ToString(CultureInfo.InvariantCulture), " characters)");

        /// <summary>Whether every surrogate of <paramref name="text"/> is part of a pair (so UTF-8 and JSON can hold it exactly).</summary>
        public static bool IsWellFormedUtf16(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// The key's form for a text column that cannot hold U+0000 or lone surrogates: those become U+FFFD. Equal to the key
        /// for ordinary keys; otherwise the store keeps the exact key beside it.
        /// </summary>
        public static string Readable(string key)
        {
            if (key.IndexOf('\0') < 0 && IsWellFormedUtf16(key))
            {
                return key;
            }

            var builder = new StringBuilder(key.Length);
            for (int i = 0; i < key.Length; i++)
            {
                char c = key[i];
                if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
                {
                    builder.Append(c).Append(key[++i]);
                }
                else
                {
                    builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
                }
            }

            return builder.ToString();
        }

        /// <summary>The exact UTF-16 code units of <paramref name="key"/>, little-endian.</summary>
        public static byte[] Utf16Bytes(string key) => MemoryMarshal.AsBytes(key.AsSpan()).ToArray();

        /// <summary>Decodes <see cref="Utf16Bytes"/>.</summary>
        public static string FromUtf16Bytes(byte[] bytes) =>
            bytes.Length % 2 == 0 ? new string(MemoryMarshal.Cast<byte, char>(bytes)) : throw new FormatException("the exact key has an odd number of bytes");

        /// <summary>
        /// SHA-256 of the key's UTF-8 bytes; a key with a lone surrogate (which UTF-8 cannot hold) is hashed from its exact
        /// UTF-16 code units after a 0xFF byte (which UTF-8 never produces), so no two keys share a hash by re-encoding.
        /// </summary>
        public static byte[] Hash(string key)
        {
            bool utf8 = IsWellFormedUtf16(key);
            int max = utf8 ? Encoding.UTF8.GetMaxByteCount(key.Length) : 1 + (key.Length * 2);
            byte[]? rented = max > 512 ? ArrayPool<byte>.Shared.Rent(max) : null;
            Span<byte> buffer = rented ?? stackalloc byte[512];
            try
            {
                int length;
                if (utf8)
                {
                    length = Encoding.UTF8.GetBytes(key, buffer);
                }
                else
                {
                    buffer[0] = 0xFF;
                    MemoryMarshal.AsBytes(key.AsSpan()).CopyTo(buffer.Slice(1));
                    length = 1 + (key.Length * 2);
                }

                return SHA256.HashData(buffer.Slice(0, length));
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }
    }
}
