using System;
using System.Buffers.Binary;

namespace Resilience
{
    /// <summary>
    /// The stored form of a last known good value: a format byte, the UTC ticks of the success that produced it (so the age is
    /// exact even when the write happened later, or in another process), then the result as UTF-8 JSON.
    /// </summary>
    internal static class LastKnownGoodPayload
    {
        private const byte FormatVersion = 1;
        private const int HeaderLength = 9;

        public static byte[] Encode(DateTimeOffset succeededAt, ReadOnlySpan<byte> json)
        {
            var payload = new byte[HeaderLength + json.Length];
            payload[0] = FormatVersion;
            BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(1, 8), succeededAt.UtcTicks);
            json.CopyTo(payload.AsSpan(HeaderLength));
            return payload;
        }

        public static bool TryDecode(ReadOnlySpan<byte> payload, out DateTimeOffset succeededAt, out ReadOnlySpan<byte> json)
        {
            if (payload.Length < HeaderLength || payload[0] != FormatVersion)
            {
                succeededAt = default;
                json = default;
                return false;
            }

            long ticks = BinaryPrimitives.ReadInt64LittleEndian(payload.Slice(1, 8));
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                succeededAt = default;
                json = default;
                return false;
            }

            succeededAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            json = payload.Slice(HeaderLength);
            return true;
        }
    }
}
