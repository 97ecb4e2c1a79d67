using System.Buffers.Binary;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace RiskStreams.Service.Api;

/// <summary>
/// INTERIM until the reviews contract is merged: the <c>ReviewDecision</c> record of the reviews contract as a generic
/// Avro record, written in the Confluent wire format (magic byte, schema id, binary) with the schema registered under
/// <c>{topic}-value</c>. At merge this file goes: the publisher uses <c>RiskSerdes.Reviews</c> and the generated
/// <c>ReviewDecision</c> class, and the topic comes from <c>RiskTopologyOptions.ReviewsTopic</c>.
/// </summary>
internal static class InterimReviewDecision
{
    public const string DefaultTopic = "account.reviews";

    public const string SchemaJson = """
        {"type": "record", "name": "ReviewDecision", "namespace": "RiskStreams.Avro.Contracts", "fields": [
          {"name": "reviewId", "type": "string"},
          {"name": "accountId", "type": "string"},
          {"name": "decidedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
          {"name": "reviewer", "type": "string"},
          {"name": "kind", "type": {"type": "enum", "name": "ReviewKind", "symbols": ["APPEAL", "MANUAL_REVIEW"]}},
          {"name": "outcome", "type": {"type": "enum", "name": "ReviewOutcome", "symbols": ["CLEAR", "UPHOLD", "OVERRIDE"]}},
          {"name": "level", "type": ["null", {"type": "enum", "name": "RiskLevel", "symbols": ["NORMAL", "WATCH", "RESTRICTED", "SUSPENDED"]}], "default": null},
          {"name": "validUntil", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}], "default": null},
          {"name": "suppressReasons", "type": {"type": "array", "items": "string"}},
          {"name": "note", "type": ["null", "string"], "default": null},
          {"name": "relatedChangeId", "type": ["null", "string"], "default": null}
        ]}
        """;

    public static readonly RecordSchema Schema = (RecordSchema)global::Avro.Schema.Parse(SchemaJson);

    /// <summary>The record's bytes under registry schema id <paramref name="schemaId"/>.</summary>
    public static byte[] Serialize(int schemaId, ReviewSubmission review, string reviewId, DateTimeOffset decidedAt)
    {
        var record = new GenericRecord(Schema);
        record.Add("reviewId", reviewId);
        record.Add("accountId", review.AccountId);
        record.Add("decidedAt", decidedAt.UtcDateTime);
        record.Add("reviewer", review.Reviewer);
        record.Add("kind", new GenericEnum(EnumOf("kind"), review.Kind));
        record.Add("outcome", new GenericEnum(EnumOf("outcome"), review.Outcome));
        record.Add("level", review.Level is { } level ? new GenericEnum(NullableEnumOf("level"), level) : null);
        record.Add("validUntil", review.ValidUntil?.UtcDateTime);
        record.Add("suppressReasons", (review.SuppressReasons ?? []).ToArray());
        record.Add("note", review.Note);
        record.Add("relatedChangeId", review.RelatedChangeId);
        using var buffer = new MemoryStream();
        buffer.WriteByte(0);
        Span<byte> id = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(id, schemaId);
        buffer.Write(id);
        new GenericDatumWriter<GenericRecord>(Schema).Write(record, new BinaryEncoder(buffer));
        return buffer.ToArray();
    }

    /// <summary>Reads a record written by <see cref="Serialize"/> (for tests and tools): the fields by name.</summary>
    public static GenericRecord Deserialize(byte[] data)
    {
        using var stream = new MemoryStream(data, 5, data.Length - 5);
        return new GenericDatumReader<GenericRecord>(Schema, Schema).Read(null!, new BinaryDecoder(stream));
    }

    private static EnumSchema EnumOf(string field) => (EnumSchema)Schema.Fields.Single(f => f.Name == field).Schema;

    private static EnumSchema NullableEnumOf(string field) =>
        ((UnionSchema)Schema.Fields.Single(f => f.Name == field).Schema).Schemas.OfType<EnumSchema>().Single();
}
