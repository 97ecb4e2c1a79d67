using System.Collections.Concurrent;
using Avro;
using Avro.IO;
using Avro.Specific;
using Confluent.Kafka;
using RiskStreams.Avro.Internal;

namespace RiskStreams.Avro;

/// <summary>
/// Serializes generated Avro contracts in the Confluent wire format (magic byte 0, 4-byte big-endian
/// schema id, Avro binary). The schema id of each subject (TopicNameStrategy) is resolved once and
/// cached; a null record becomes a null payload (a tombstone).
/// </summary>
/// <typeparam name="T">A generated contract type, e.g. <c>RiskStreams.Avro.Contracts.Transaction</c>.</typeparam>
public sealed class AvroSerializer<T> : ISerializer<T>
    where T : class, ISpecificRecord
{
    private readonly SchemaRegistryClient _registry;
    private readonly AvroSerializerOptions _options;
    private readonly string _schemaJson;
    private readonly SpecificDefaultWriter _writer;
    private readonly ConcurrentDictionary<string, int> _idsBySubject = new(StringComparer.Ordinal);

    /// <summary>Creates a serializer.</summary>
    /// <param name="registry">The registry client; not owned (not disposed) by the serializer.</param>
    /// <param name="options">Settings; <see cref="AvroSerializerOptions.Default"/> when null.</param>
    public AvroSerializer(SchemaRegistryClient registry, AvroSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = options ?? AvroSerializerOptions.Default;
        Schema = ContractSchema.Of<T>();
        _schemaJson = Schema.ToString();
        _writer = new SpecificDefaultWriter(Schema);
    }

    /// <summary>The schema records are written with (that of <typeparamref name="T"/>).</summary>
    public Schema Schema { get; }

    /// <summary>Resolves (and registers, if configured) the schema id of a topic ahead of the first record.</summary>
    /// <param name="topic">The topic records will be produced to.</param>
    /// <param name="cancellationToken">Cancels the registry call.</param>
    /// <returns>A task completing when the id is cached.</returns>
    public Task WarmUpAsync(string topic, CancellationToken cancellationToken = default) =>
        WarmUpAsync(topic, MessageComponentType.Value, cancellationToken);

    /// <summary>Resolves (and registers, if configured) the key or value schema id of a topic ahead of the first record.</summary>
    /// <param name="topic">The topic records will be produced to.</param>
    /// <param name="component">Whether this serializer serializes keys or values.</param>
    /// <param name="cancellationToken">Cancels the registry call.</param>
    /// <returns>A task completing when the id is cached.</returns>
    public async Task WarmUpAsync(string topic, MessageComponentType component, CancellationToken cancellationToken = default)
    {
        var subject = TopicNameStrategy.GetSubject(topic, component);
        if (_idsBySubject.ContainsKey(subject))
        {
            return;
        }

        int id;
        if (_options.AutoRegisterSchemas)
        {
            id = await _registry.RegisterSchemaAsync(subject, _schemaJson, cancellationToken);
        }
        else
        {
            id = VerifiedLatestId(await _registry.GetLatestSchemaAsync(subject, cancellationToken));
        }

        _idsBySubject[subject] = id;
    }

    /// <summary>Serializes a record; null gives null (a tombstone).</summary>
    /// <param name="data">The record.</param>
    /// <param name="context">Topic and component, which name the subject.</param>
    /// <returns>The wire-format bytes.</returns>
    /// <exception cref="AvroSerdeException">The record cannot be written with its schema (<see cref="AvroSerdeErrorReason.InvalidRecord"/>).</exception>
    /// <exception cref="SchemaRegistryException">The registry refused the schema (e.g. incompatible).</exception>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be reached, timed out or answered 5xx; retry later.</exception>
    public byte[] Serialize(T data, SerializationContext context)
    {
        if (data is null)
        {
            return null!;
        }

        var subject = TopicNameStrategy.GetSubject(context.Topic, context.Component);
        if (!_idsBySubject.TryGetValue(subject, out var schemaId))
        {
            try
            {
                schemaId = _options.AutoRegisterSchemas
                    ? _registry.RegisterSchema(subject, _schemaJson)
                    : VerifiedLatestId(_registry.GetLatestSchema(subject));
            }
            catch (Exception ex) when (SchemaRegistryUnavailableException.IsTransient(ex))
            {
                throw new SchemaRegistryUnavailableException($"The schema of subject {subject} could not be registered or looked up: {ex.Message}", ex);
            }

            _idsBySubject[subject] = schemaId;
        }

        using var buffer = new MemoryStream(128);
        Span<byte> header = stackalloc byte[WireFormat.HeaderLength];
        WireFormat.WriteHeader(header, schemaId);
        buffer.Write(header);
        try
        {
            _writer.Write(data, new BinaryEncoder(buffer));
        }
        catch (Exception ex)
        {
            throw new AvroSerdeException(
                AvroSerdeErrorReason.InvalidRecord,
                $"Cannot write {typeof(T).Name} for subject {subject}: {ex.Message}",
                schemaId,
                ex);
        }

        return buffer.ToArray();
    }

    private int VerifiedLatestId(RegisteredSchema latest)
    {
        // Writing our bytes under another schema's id would make every reader misread them.
        if (!string.Equals(SchemaNormalization.ToParsingForm(latest.Schema), SchemaNormalization.ToParsingForm(Schema), StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"The latest schema of subject {latest.Subject} (id {latest.Id}, version {latest.Version}) is not the schema of {typeof(T).FullName}; " +
                $"register it or enable {nameof(AvroSerializerOptions.AutoRegisterSchemas)}.");
        }

        return latest.Id;
    }
}
