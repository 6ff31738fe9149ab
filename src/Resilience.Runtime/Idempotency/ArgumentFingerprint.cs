using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Resilience
{
    /// <summary>
    /// A stable fingerprint of a call's arguments: SHA-256 over each argument's canonical bytes (UTF-8 for strings, fixed
    /// little-endian bytes for common primitives, System.Text.Json with <see cref="ResilienceJson.Options"/> for everything
    /// else). The same arguments give the same fingerprint in every process and on every machine (unlike
    /// <see cref="object.GetHashCode"/>), as long as the arguments' JSON shape does not change.
    /// </summary>
    /// <remarks>
    /// A mutable struct meant for a local variable in generated code: <c>var f = new ArgumentFingerprint(); f.Add(a); f.Add(b);
    /// string hex = f.ToHexString();</c>. <see cref="CancellationToken"/> arguments are ignored. Do not copy it between
    /// <see cref="Add{T}"/> calls.
    /// </remarks>
    public struct ArgumentFingerprint
    {
        private const byte NullTag = 0;
        private const byte StringTag = 1;
        private const byte Int32Tag = 2;
        private const byte Int64Tag = 3;
        private const byte BooleanTag = 4;
        private const byte GuidTag = 5;
        private const byte JsonTag = 9;

        private byte[]? _buffer;
        private int _length;

        /// <summary>Adds the next argument.</summary>
        public void Add<T>(T value)
        {
            if (typeof(T) == typeof(CancellationToken))
            {
                return;
            }

            if (value is null)
            {
                WriteByte(NullTag);
            }
            else if (typeof(T) == typeof(string))
            {
                string text = (string)(object)value;
                WriteByte(StringTag);
                int max = Encoding.UTF8.GetMaxByteCount(text.Length);
                Span<byte> target = Reserve(8 + max);
                int written = Encoding.UTF8.GetBytes(text, target.Slice(8));
                BinaryPrimitives.WriteInt64LittleEndian(target, written);
                _length += 8 + written;
            }
            else if (typeof(T) == typeof(int))
            {
                WriteByte(Int32Tag);
                WriteInt64((int)(object)value);
            }
            else if (typeof(T) == typeof(long))
            {
                WriteByte(Int64Tag);
                WriteInt64((long)(object)value);
            }
            else if (typeof(T) == typeof(bool))
            {
                WriteByte(BooleanTag);
                WriteByte((bool)(object)value ? (byte)1 : (byte)0);
            }
            else if (typeof(T) == typeof(Guid))
            {
                WriteByte(GuidTag);
                ((Guid)(object)value).TryWriteBytes(Reserve(16));
                _length += 16;
            }
            else
            {
                byte[] json = ResilienceJson.Serialize(value);
                WriteByte(JsonTag);
                WriteInt64(json.Length);
                json.CopyTo(Reserve(json.Length));
                _length += json.Length;
            }
        }

        /// <summary>Returns the fingerprint as 64 lowercase hex characters and resets this instance.</summary>
        public string ToHexString()
        {
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(_buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.AsSpan(0, _length), digest);
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }

            _buffer = null;
            _length = 0;
            return Hex.ToLower(digest);
        }

        /// <inheritdoc/>
        public override readonly string ToString() => $"ArgumentFingerprint ({_length} bytes)";

        private void WriteByte(byte value)
        {
            Reserve(1)[0] = value;
            _length++;
        }

        private void WriteInt64(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
            _length += 8;
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
