using System.Buffers.Binary;

namespace RiskStreams.Avro.Internal;

/// <summary>
/// The Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the schema id (big-endian),
/// then the Avro binary body.
/// </summary>
internal static class WireFormat
{
    internal const byte MagicByte = 0;
    internal const int HeaderLength = 5;

    internal static void WriteHeader(Span<byte> destination, int schemaId)
    {
        destination[0] = MagicByte;
        BinaryPrimitives.WriteInt32BigEndian(destination[1..], schemaId);
    }

    /// <summary>Reads the header; throws <see cref="AvroSerdeException"/> when the bytes are not in the wire format.</summary>
    internal static int ReadSchemaId(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderLength)
        {
            throw new AvroSerdeException(
                AvroSerdeErrorReason.NotWireFormat,
                $"Payload of {data.Length} byte(s) is shorter than the {HeaderLength}-byte wire-format header.");
        }

        if (data[0] != MagicByte)
        {
            throw new AvroSerdeException(
                AvroSerdeErrorReason.NotWireFormat,
                $"Unknown magic byte {data[0]} (expected {MagicByte}); the payload is not in the Confluent wire format.");
        }

        return BinaryPrimitives.ReadInt32BigEndian(data[1..]);
    }
}
