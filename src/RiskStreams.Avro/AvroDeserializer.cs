using System.Collections.Concurrent;
using Avro;
using Avro.IO;
using Avro.Specific;
using Confluent.Kafka;
using RiskStreams.Avro.Internal;

namespace RiskStreams.Avro;

/// <summary>
/// Deserializes Confluent wire-format Avro into generated contracts. The writer's schema is fetched
/// by the id in the header (cached) and resolved to <typeparamref name="T"/>'s schema by the Avro
/// rules, so data from older and newer compatible writers is read. One resolving reader is built per
/// writer schema id and reused. A null payload gives null (a tombstone).
/// </summary>
/// <typeparam name="T">A generated contract type, e.g. <c>RiskStreams.Avro.Contracts.Transaction</c>.</typeparam>
/// <remarks>
/// Records that can never be read throw <see cref="AvroSerdeException"/>; registry outages (unreachable, timeout,
/// 5xx) throw <see cref="SchemaRegistryUnavailableException"/> and may be retried; other registry errors throw
/// <see cref="SchemaRegistryException"/>.
/// </remarks>
public sealed class AvroDeserializer<T> : IDeserializer<T>
    where T : class, ISpecificRecord
{
    private readonly SchemaRegistryClient _registry;
    private readonly ConcurrentDictionary<int, ResolvedReader> _readers = new();

    /// <summary>Creates a deserializer.</summary>
    /// <param name="registry">The registry client; not owned (not disposed) by the deserializer.</param>
    public AvroDeserializer(SchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        ReaderSchema = ContractSchema.Of<T>();
    }

    /// <summary>The schema records are read with (that of <typeparamref name="T"/>).</summary>
    public Schema ReaderSchema { get; }

    /// <summary>Deserializes one record.</summary>
    /// <param name="data">The wire-format bytes.</param>
    /// <param name="isNull">True for a null payload (tombstone).</param>
    /// <param name="context">Topic and component (unused: the schema id is in the payload).</param>
    /// <returns>The record, or null for a tombstone.</returns>
    /// <exception cref="AvroSerdeException">The payload can never be read; see <see cref="AvroSerdeException.Reason"/>.</exception>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be reached, timed out or answered 5xx; retry later.</exception>
    /// <exception cref="SchemaRegistryException">The registry refused other than with "schema not found".</exception>
    public T Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull)
        {
            return null!;
        }

        var schemaId = WireFormat.ReadSchemaId(data);
        var resolved = ReaderFor(schemaId);
        if (resolved.Reader is null)
        {
            throw new AvroSerdeException(
                AvroSerdeErrorReason.SchemaMismatch,
                $"Writer schema {schemaId} cannot be read as {typeof(T).Name}: {resolved.Mismatch}",
                schemaId);
        }

        using var body = new MemoryStream(data[WireFormat.HeaderLength..].ToArray(), writable: false);
        object value;
        try
        {
            value = resolved.Reader.ReadValue(new BinaryDecoder(body));
        }
        catch (Exception ex)
        {
            var resolution = FindResolutionFailure(ex);
            throw resolution is not null
                ? new AvroSerdeException(AvroSerdeErrorReason.SchemaMismatch, $"Writer schema {schemaId} record cannot be read as {typeof(T).Name}: {resolution.Message}", schemaId, ex)
                : new AvroSerdeException(AvroSerdeErrorReason.MalformedPayload, $"Avro body ({body.Length} bytes) does not decode with writer schema {schemaId}: {ex.Message}", schemaId, ex);
        }

        if (body.Position != body.Length)
        {
            throw new AvroSerdeException(
                AvroSerdeErrorReason.MalformedPayload,
                $"{body.Length - body.Position} trailing byte(s) after the Avro body (writer schema {schemaId}).",
                schemaId);
        }

        return (T)value;
    }

    private ResolvedReader ReaderFor(int schemaId)
    {
        if (_readers.TryGetValue(schemaId, out var resolved))
        {
            return resolved;
        }

        Schema writerSchema;
        try
        {
            writerSchema = _registry.GetSchemaById(schemaId);
        }
        catch (SchemaRegistryException ex) when (ex.ErrorCode == SchemaRegistryException.SchemaNotFound)
        {
            // Not cached: an id unknown to this registry says nothing about the next record.
            throw new AvroSerdeException(AvroSerdeErrorReason.UnknownSchemaId, $"Schema id {schemaId} is unknown to the Schema Registry.", schemaId, ex);
        }
        catch (SchemaParseException ex)
        {
            return _readers.GetOrAdd(schemaId, ResolvedReader.Unparsable($"the registry's schema does not parse: {ex.Message}"));
        }
        catch (Exception ex) when (SchemaRegistryUnavailableException.IsTransient(ex))
        {
            throw new SchemaRegistryUnavailableException($"Writer schema {schemaId} could not be fetched: {ex.Message}", ex);
        }

        return _readers.GetOrAdd(schemaId, ResolvedReader.Create(writerSchema, ReaderSchema));
    }

    private static SchemaResolutionException? FindResolutionFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SchemaResolutionException resolution)
            {
                return resolution;
            }
        }

        return null;
    }
}
