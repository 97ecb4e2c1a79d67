using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>The Avro serdes of every risk topic, sharing one Schema Registry client.</summary>
public sealed class RiskSerdes
{
    /// <summary>Creates serdes that look schemas up in (and register output schemas with) <paramref name="registry"/>.</summary>
    public RiskSerdes(SchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Transactions = new AvroDeserializer<Transaction>(registry);
        Logins = new AvroDeserializer<Login>(registry);
        Repayments = new AvroDeserializer<RepaymentSync>(registry);
        SyncStatus = new AvroDeserializer<SyncStatus>(registry);
        LevelChanges = new AvroSerializer<RiskLevelChanged>(registry);
    }

    internal AvroDeserializer<Transaction> Transactions { get; }

    internal AvroDeserializer<Login> Logins { get; }

    internal AvroDeserializer<RepaymentSync> Repayments { get; }

    internal AvroDeserializer<SyncStatus> SyncStatus { get; }

    internal AvroSerializer<RiskLevelChanged> LevelChanges { get; }

    /// <summary>Registers the output schema before the first record, so the stream thread never waits on it.</summary>
    public Task WarmUpAsync(string levelChangesTopic, CancellationToken cancellationToken) =>
        LevelChanges.WarmUpAsync(levelChangesTopic, cancellationToken);

    internal static T Deserialize<T>(IDeserializer<T> deserializer, in Streams.ConsumedRecord record) =>
        deserializer.Deserialize(record.Value, record.Value is null, new SerializationContext(MessageComponentType.Value, record.Topic, record.Headers));
}
