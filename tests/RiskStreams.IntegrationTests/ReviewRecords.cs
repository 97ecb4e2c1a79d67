using Avro.IO;
using Avro.Specific;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.IntegrationTests;

/// <summary>Reads a <see cref="ReviewDecision"/> record in the Confluent wire format (magic byte, schema id, Avro binary) with the contract's schema.</summary>
internal static class ReviewRecords
{
    public static ReviewDecision Read(byte[] data)
    {
        Assert.Equal(0, data[0]);
        using var stream = new MemoryStream(data, 5, data.Length - 5);
        return new SpecificDatumReader<ReviewDecision>(ReviewDecision._SCHEMA, ReviewDecision._SCHEMA).Read(null!, new BinaryDecoder(stream));
    }
}
