using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Resilience
{
    /// <summary>
    /// The file form of a <see cref="DurableRecord"/>: a compact JSON object written with <see cref="Utf8JsonWriter"/>
    /// (no reflection, AOT-safe). Times are UTC ticks; the payload is base64.
    /// </summary>
    internal static class RecordFileFormat
    {
        private const int FormatVersion = 1;

        public static byte[] Serialize(DurableRecord record)
        {
            var buffer = new ArrayBufferWriter<byte>(256 + (record.Payload.Length * 4 / 3));
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteNumber("format", FormatVersion);
                if (DurableKeys.IsWellFormedUtf16(record.Key))
                {
                    writer.WriteString("key", record.Key);
                }
                else
                {
                    // JSON text cannot hold a lone surrogate: such a key is kept as its exact UTF-16 code units.
                    writer.WriteBase64String("keyUtf16", DurableKeys.Utf16Bytes(record.Key));
                }

                writer.WriteString("fingerprint", record.Fingerprint);
                writer.WriteString("state", record.State == DurableRecordState.Completed ? "completed" : "claimed");
                writer.WriteString("owner", record.Owner);
                writer.WriteNumber("epoch", record.Epoch);
                writer.WriteNumber("createdAt", record.CreatedAt.UtcTicks);
                WriteTicks(writer, "leaseUntil", record.LeaseUntil);
                WriteTicks(writer, "expiresAt", record.ExpiresAt);
                writer.WriteBase64String("payload", record.Payload.Span);
                writer.WriteString("checksum", record.Checksum);
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }

        public static DurableRecord Parse(byte[] bytes)
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            JsonElement root = document.RootElement;
            int format = root.GetProperty("format").GetInt32();
            if (format != FormatVersion)
            {
                throw new FormatException("unknown record format " + format.ToString(CultureInfo.InvariantCulture));
            }

            string state = root.GetProperty("state").GetString() ?? throw new FormatException("state is null");
            return new DurableRecord(
                key: ReadKey(root),
                fingerprint: root.GetProperty("fingerprint").GetString() ?? throw new FormatException("fingerprint is null"),
                state: state switch
                {
                    "claimed" => DurableRecordState.Claimed,
                    "completed" => DurableRecordState.Completed,
                    _ => throw new FormatException("unknown state '" + state + "'"),
                },
                owner: root.GetProperty("owner").GetString() ?? throw new FormatException("owner is null"),
                epoch: root.GetProperty("epoch").GetInt64(),
                createdAt: ToTime(root.GetProperty("createdAt").GetInt64()),
                leaseUntil: ReadTicks(root, "leaseUntil"),
                expiresAt: ReadTicks(root, "expiresAt"),
                payload: ReadPayload(root),
                checksum: root.GetProperty("checksum").GetString() ?? throw new FormatException("checksum is null"));
        }

        private static string ReadKey(JsonElement root)
        {
            if (root.TryGetProperty("keyUtf16", out JsonElement units))
            {
                return DurableKeys.FromUtf16Bytes(units.GetBytesFromBase64());
            }

            return root.GetProperty("key").GetString() ?? throw new FormatException("key is null");
        }

        // Base64 can spell the same bytes more than one way (unused bits of the last character); accept only the
        // canonical spelling, so that any change to the file is detected.
        private static byte[] ReadPayload(JsonElement root)
        {
            string text = root.GetProperty("payload").GetString() ?? throw new FormatException("payload is null");
            byte[] payload = Convert.FromBase64String(text);
            if (!string.Equals(Convert.ToBase64String(payload), text, StringComparison.Ordinal))
            {
                throw new FormatException("the payload is not canonical base64");
            }

            return payload;
        }

        // Records hold whole microseconds; other tick counts would be rounded away before the checksum sees them.
        private static DateTimeOffset ToTime(long ticks) =>
            ticks % 10 == 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : throw new FormatException("a time is not in whole microseconds");

        private static void WriteTicks(Utf8JsonWriter writer, string name, DateTimeOffset? value)
        {
            if (value is { } v)
            {
                writer.WriteNumber(name, v.UtcTicks);
            }
            else
            {
                writer.WriteNull(name);
            }
        }

        private static DateTimeOffset? ReadTicks(JsonElement root, string name)
        {
            JsonElement element = root.GetProperty(name);
            return element.ValueKind == JsonValueKind.Null ? null : ToTime(element.GetInt64());
        }
    }
}
