using Avro.Specific;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.Streams;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology;

/// <summary>
/// The Avro serdes of every risk topic (Confluent wire format), sharing one Schema Registry client. A registry outage
/// surfaces as <see cref="DependencyUnavailableException"/>, so the engine pauses and retries instead of dead-lettering.
/// </summary>
public sealed class RiskSerdes
{
    private readonly AvroSerializer<RiskLevelChanged> _levelChangesSerializer;

    /// <summary>Creates serdes that look schemas up in (and register schemas with) <paramref name="registry"/>.</summary>
    public RiskSerdes(SchemaRegistryClient registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Transactions = Create<Transaction>(registry, out _);
        Logins = Create<Login>(registry, out _);
        Repayments = Create<RepaymentSync>(registry, out _);
        SyncStatus = Create<SyncStatus>(registry, out _);
        Reviews = Create<ReviewDecision>(registry, out _);
        LevelChanges = Create(registry, out _levelChangesSerializer);
    }

    /// <summary><c>Transaction</c> values.</summary>
    public Serde<Transaction> Transactions { get; }

    /// <summary><c>Login</c> values.</summary>
    public Serde<Login> Logins { get; }

    /// <summary><c>RepaymentSync</c> values.</summary>
    public Serde<RepaymentSync> Repayments { get; }

    /// <summary><c>SyncStatus</c> values.</summary>
    public Serde<SyncStatus> SyncStatus { get; }

    /// <summary><c>ReviewDecision</c> values (the reviews topic).</summary>
    public Serde<ReviewDecision> Reviews { get; }

    /// <summary><c>RiskLevelChanged</c> values.</summary>
    public Serde<RiskLevelChanged> LevelChanges { get; }

    /// <summary>Registers the output schema before the first record, so the stream thread never waits on it.</summary>
    public Task WarmUpAsync(string levelChangesTopic, CancellationToken cancellationToken) =>
        _levelChangesSerializer.WarmUpAsync(levelChangesTopic, cancellationToken);

    private static Serde<T> Create<T>(SchemaRegistryClient registry, out AvroSerializer<T> serializer)
        where T : class, ISpecificRecord, new()
    {
        serializer = new AvroSerializer<T>(registry);
        return new RegistryOutageSerde<T>(Serdes.FromConfluent(serializer, new AvroDeserializer<T>(registry), MessageComponentType.Value));
    }
}
