using Avro;

namespace RiskStreams.Avro;

/// <summary>One version of a subject in the Schema Registry.</summary>
/// <param name="Subject">The subject, e.g. <c>credit.transactions-value</c>.</param>
/// <param name="Id">The registry-wide schema id written into the wire format.</param>
/// <param name="Version">The version of the schema within the subject, from 1.</param>
/// <param name="Schema">The parsed schema.</param>
public sealed record RegisteredSchema(string Subject, int Id, int Version, Schema Schema);
