namespace RiskStreams.Avro;

/// <summary>Why a record could not be serialized or deserialized; see <see cref="AvroSerdeException"/>.</summary>
public enum AvroSerdeErrorReason
{
    /// <summary>The payload is shorter than the 5-byte header or its magic byte is not 0.</summary>
    NotWireFormat,

    /// <summary>The schema id in the header is unknown to the Schema Registry.</summary>
    UnknownSchemaId,

    /// <summary>The writer's schema cannot be resolved to the reader's (a type change, a field without default, an unknown enum symbol).</summary>
    SchemaMismatch,

    /// <summary>The Avro body cannot be decoded with the writer's schema (truncated, corrupt, trailing bytes).</summary>
    MalformedPayload,

    /// <summary>The record cannot be written with its own schema, e.g. a required field is null.</summary>
    InvalidRecord,
}
