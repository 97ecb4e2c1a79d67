using System.Text;
using Avro.Specific;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.Streams;

namespace RiskStreams.DevStack;

/// <summary>
/// Produces generated events to Kafka with the real Avro serdes (values) and UTF-8 keys, partitioned
/// with murmur2 like Java clients so co-partitioned inputs line up.
/// </summary>
public sealed class WorkloadPublisher : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly Dictionary<Type, Func<ISpecificRecord, string, byte[]>> _serializers;
    private Exception? _failure;
    private long _delivered;

    /// <summary>Creates a publisher for <paramref name="bootstrapServers"/>.</summary>
    public WorkloadPublisher(string bootstrapServers, SchemaRegistryClient registry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        ArgumentNullException.ThrowIfNull(registry);
        Librdkafka.EnsureLoaded();
        _serializers = new()
        {
            [typeof(Transaction)] = Serializer<Transaction>(registry),
            [typeof(Login)] = Serializer<Login>(registry),
            [typeof(RepaymentSync)] = Serializer<RepaymentSync>(registry),
            [typeof(SyncStatus)] = Serializer<SyncStatus>(registry),
            [typeof(ReviewDecision)] = Serializer<ReviewDecision>(registry),
        };
        _producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "riskstreams-generator",
            EnableIdempotence = true,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
    }

    /// <summary>Records acknowledged by the cluster.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Queues one event; waits for room when the producer queue is full.</summary>
    public void Publish(GeneratedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Publishing failed: {failure.Message}", failure);
        }

        var message = new Message<byte[], byte[]>
        {
            Key = Encoding.UTF8.GetBytes(e.Key),
            Value = _serializers[e.Value.GetType()](e.Value, e.Topic),
            Timestamp = new Timestamp(e.TimestampMs, TimestampType.CreateTime),
        };
        while (true)
        {
            try
            {
                _producer.Produce(e.Topic, message, OnDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    /// <summary>Waits until every queued event is acknowledged.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        _producer.Flush(cancellationToken);
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Publishing failed: {failure.Message}", failure);
        }
    }, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _producer.Dispose();

    private void OnDelivery(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _failure, new KafkaException(report.Error), null);
        }
        else
        {
            Interlocked.Increment(ref _delivered);
        }
    }

    private static Func<ISpecificRecord, string, byte[]> Serializer<T>(SchemaRegistryClient registry)
        where T : class, ISpecificRecord, new()
    {
        var serializer = new AvroSerializer<T>(registry);
        return (value, topic) => serializer.Serialize((T)value, new SerializationContext(MessageComponentType.Value, topic));
    }
}
