using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Service.Api;

/// <summary>Produces review decisions to the reviews topic (key accountId, murmur2 partitioning, acks=all, idempotent).</summary>
internal sealed class AvroReviewPublisher : IReviewPublisher, IDisposable
{
    private readonly SchemaRegistryClient _registry;
    private readonly AvroSerializer<ReviewDecision> _serializer;
    private readonly ProducerConfig _config;
    private readonly string _topic;
    private readonly Lock _lock = new();
    private IProducer<string, byte[]>? _producer;

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
        _serializer = new AvroSerializer<ReviewDecision>(_registry);
    }

    public async Task PublishAsync(ReviewSubmission review, string reviewId, DateTimeOffset decidedAt, CancellationToken cancellationToken)
    {
        // Registers (or finds) the schema off the request path's hot loop once; then serialization is local.
        await _serializer.WarmUpAsync(_topic, cancellationToken);
        var value = _serializer.Serialize(Decision(review, reviewId, decidedAt), new SerializationContext(MessageComponentType.Value, _topic));
        await Producer().ProduceAsync(_topic, new Message<string, byte[]> { Key = review.AccountId!, Value = value }, cancellationToken);
    }

    /// <summary>The contract record of a checked submission (<see cref="ReviewSubmission.Problem"/> is null).</summary>
    internal static ReviewDecision Decision(ReviewSubmission review, string reviewId, DateTimeOffset decidedAt) => new()
    {
        reviewId = reviewId,
        accountId = review.AccountId!,
        decidedAt = decidedAt.UtcDateTime,
        reviewer = review.Reviewer!,
        kind = Enum.Parse<ReviewKind>(review.Kind!),
        outcome = Enum.Parse<ReviewOutcome>(review.Outcome!),
        level = review.Level is { } level ? Enum.Parse<RiskLevel>(level) : null,
        validUntil = review.ValidUntil?.UtcDateTime,
        suppressReasons = [.. review.SuppressReasons ?? []],
        note = review.Note,
        relatedChangeId = review.RelatedChangeId,
    };

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
