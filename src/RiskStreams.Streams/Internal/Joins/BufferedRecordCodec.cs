using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>Encodes a buffered record's key, value and headers as one byte array: length-prefixed fields, headers last.</summary>
internal static class BufferedRecordCodec
{
    public static byte[] Encode(byte[] key, byte[] value, Headers? headers)
    {
        var size = 4 + key.Length + 4 + value.Length + 4;
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                size += 4 + Encoding.UTF8.GetByteCount(header.Key) + 4 + (header.GetValueBytes()?.Length ?? 0);
            }
        }

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        Write(ref span, key);
        Write(ref span, value);
        BinaryPrimitives.WriteInt32BigEndian(span, headers?.Count ?? -1);
        span = span[4..];
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                Write(ref span, Encoding.UTF8.GetBytes(header.Key));
                Write(ref span, header.GetValueBytes());
            }
        }

        return bytes;
    }

    public static (byte[] Key, byte[] Value, Headers? Headers) Decode(byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        var key = Read(ref span)!;
        var value = Read(ref span)!;
        var count = BinaryPrimitives.ReadInt32BigEndian(span);
        span = span[4..];
        Headers? headers = null;
        if (count >= 0)
        {
            headers = [];
            for (var i = 0; i < count; i++)
            {
                var name = Encoding.UTF8.GetString(Read(ref span)!);
                headers.Add(name, Read(ref span));
            }
        }

        return (key, value, headers);
    }

    private static void Write(ref Span<byte> span, byte[]? field)
    {
        BinaryPrimitives.WriteInt32BigEndian(span, field?.Length ?? -1);
        field?.CopyTo(span[4..]);
        span = span[(4 + (field?.Length ?? 0))..];
    }

    private static byte[]? Read(ref ReadOnlySpan<byte> span)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(span);
        if (length < 0)
        {
            span = span[4..];
            return null;
        }

        var field = span.Slice(4, length).ToArray();
        span = span[(4 + length)..];
        return field;
    }
}
