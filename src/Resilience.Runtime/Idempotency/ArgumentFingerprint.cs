using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// A stable fingerprint of a call's arguments: SHA-256 over a canonical, type-tagged encoding of each argument's
    /// value. Two argument values that differ in anything the encoding covers (see remarks) get different fingerprints;
    /// equal values get the same fingerprint in every process, on every machine and in every release that keeps
    /// <see cref="FormatVersion"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A mutable struct meant for a local variable in generated code: <c>var f = new ArgumentFingerprint(); f.Add(a); f.Add(b);
    /// string hex = f.ToHexString();</c>. <see cref="CancellationToken"/> arguments are ignored. Do not copy it between
    /// <see cref="Add{T}"/> calls.
    /// </para>
    /// <para>
    /// What is compared (docs/idempotent.md, "What is fingerprinted"): the <em>run-time</em> type of every non-null value
    /// (a <c>PaymentBase</c> parameter holding a <c>CardPayment</c> is fingerprinted as a <c>CardPayment</c>, with all its
    /// members); strings by their exact UTF-16 code units (lone surrogates included); primitives, enums, <see cref="decimal"/>
    /// (with its scale), <see cref="DateTime"/> (with its kind), <see cref="DateTimeOffset"/> (with its offset),
    /// <see cref="TimeSpan"/>, <see cref="Guid"/> and friends by their exact bits; <see langword="null"/> apart from empty;
    /// arrays, lists and other sequences in order; sets and dictionaries independent of their enumeration order; any other
    /// object by every public instance field and every public readable property (tuples' <c>Item1…</c> fields included),
    /// in ordinal name order, except members marked <c>[JsonIgnore]</c>. Private state is not compared. A reference cycle is
    /// encoded as a back-reference; nesting deeper than 128 levels, and arguments that are delegates, streams, tasks or
    /// reflection objects, are rejected with <see cref="ArgumentException"/> before the call runs (such values nested
    /// inside an argument are compared by their run-time type only).
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public struct ArgumentFingerprint
    {
        /// <summary>The version of the encoding: fingerprints of equal arguments are equal while it stays the same.</summary>
        public const int FormatVersion = 2;

        private byte[]? _buffer;
        private int _length;
        private List<object>? _path;

        /// <summary>Adds the next argument.</summary>
        /// <exception cref="ArgumentException">The value cannot be fingerprinted (a delegate, a stream, nesting deeper than 128 levels).</exception>
        public void Add<T>(T value)
        {
            if (typeof(T) == typeof(CancellationToken))
            {
                return;
            }

            // Type-specific fast paths without boxing; they write exactly what the general path writes for the same value.
            if (value is null)
            {
                WriteByte(FingerprintTags.Null);
            }
            else if (typeof(T) == typeof(string))
            {
                WriteString((string)(object)value);
            }
            else if (typeof(T) == typeof(int))
            {
                WriteByte(FingerprintTags.Int32);
                WriteInt64((int)(object)value);
            }
            else if (typeof(T) == typeof(long))
            {
                WriteByte(FingerprintTags.Int64);
                WriteInt64((long)(object)value);
            }
            else if (typeof(T) == typeof(bool))
            {
                WriteByte(FingerprintTags.Boolean);
                WriteByte((bool)(object)value ? (byte)1 : (byte)0);
            }
            else if (typeof(T) == typeof(Guid))
            {
                WriteByte(FingerprintTags.Guid);
                ((Guid)(object)value).TryWriteBytes(Reserve(16));
                _length += 16;
            }
            else
            {
                FingerprintEncoder.WriteValue(ref this, value, depth: 0);
            }
        }

        /// <summary>Returns the fingerprint as 64 lowercase hex characters and resets this instance.</summary>
        public string ToHexString()
        {
            // The format version closes the encoding, so a future format can never collide with this one.
            WriteByte(FormatVersion);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(WrittenSpan, digest);
            Reset();
            return Hex.ToLower(digest);
        }

        /// <inheritdoc/>
        public override readonly string ToString() => $"ArgumentFingerprint ({_length} bytes)";

        internal readonly ReadOnlySpan<byte> WrittenSpan => _buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.AsSpan(0, _length);

        internal List<object> Path => _path ??= new List<object>();

        /// <summary>Returns the encoded bytes and resets this instance (for sorting the elements of sets and dictionaries).</summary>
        internal byte[] ToArrayAndReset()
        {
            byte[] bytes = WrittenSpan.ToArray();
            Reset();
            return bytes;
        }

        internal void Reset()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = null;
            _length = 0;
            _path = null;
        }

        internal void WriteByte(byte value)
        {
            Reserve(1)[0] = value;
            _length++;
        }

        internal void WriteInt64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
            _length += 8;
        }

        internal void WriteBytes(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(Reserve(bytes.Length));
            _length += bytes.Length;
        }

        // The exact UTF-16 code units, little-endian: no re-encoding, so "\uD800" and "\uDBFF" stay apart.
        internal void WriteString(string text)
        {
            WriteByte(FingerprintTags.String);
            WriteUtf16(text);
        }

        internal void WriteUtf16(string text)
        {
            WriteInt64(text.Length);
            ReadOnlySpan<byte> units = MemoryMarshal.AsBytes(text.AsSpan());
            if (BitConverter.IsLittleEndian)
            {
                WriteBytes(units);
            }
            else
            {
                foreach (char c in text)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(Reserve(2), c);
                    _length += 2;
                }
            }
        }

        private Span<byte> Reserve(int count)
        {
            if (_buffer is null)
            {
                _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, count));
            }
            else if (_buffer.Length - _length < count)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }

            return _buffer.AsSpan(_length, count);
        }
    }
}
