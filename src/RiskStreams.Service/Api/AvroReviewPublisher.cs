using Confluent.Kafka;
using RiskStreams.Avro;

namespace RiskStreams.Service.Api;

/// <summary>Produces review decisions to the reviews topic (key accountId, murmur2 partitioning, acks=all, idempotent).</summary>
internal sealed class AvroReviewPublisher : IReviewPublisher, IDisposable
{
    private readonly SchemaRegistryClient _registry;
    private readonly ProducerConfig _config;
    private readonly string _topic;
    private readonly Lock _lock = new();
    private IProducer<string, byte[]>? _producer;
    private int? _schemaId;

    public AvroReviewPublisher(string bootstrapServers, SchemaRegistryOptions registry, string topic, IReadOnlyDictionary<string, string>? clientProperties = null)
    {
        _topic = topic;
        _config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            ClientId = "riskstreams-reviews",
        };
        foreach (var (key, value) in clientProperties ?? new Dictionary<string, string>())
        {
            _config.Set(key, value);
        }

        _registry = new SchemaRegistryClient(registry);
    }

    public async Task PublishAsync(ReviewSubmission review, string reviewId, DateTimeOffset decidedAt, CancellationToken cancellationToken)
    {
        _schemaId ??= await _registry.RegisterSchemaAsync(TopicNameStrategy.GetSubject(_topic, MessageComponentType.Value),
            InterimReviewDecision.SchemaJson, cancellationToken);
        var value = InterimReviewDecision.Serialize(_schemaId.Value, review, reviewId, decidedAt);
        await Producer().ProduceAsync(_topic, new Message<string, byte[]> { Key = review.AccountId!, Value = value }, cancellationToken);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _producer?.Flush(TimeSpan.FromSeconds(5));
            _producer?.Dispose();
        }

        _registry.Dispose();
    }

    /// <summary>Built at the first decision: an instance whose console is never used opens no producer (no idempotent producer id either).</summary>
    private IProducer<string, byte[]> Producer()
    {
        lock (_lock)
        {
            return _producer ??= new ProducerBuilder<string, byte[]>(_config).Build();
        }
    }
}
