using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The output side of a stream thread: sends its tasks' records through the thread's producer (the producer's
/// murmur2 partitioner picks the partition from the serialized key, unless a partition is given), waits when the producer's queue is full, and
/// keeps the first delivery failure, which fails the thread at the next send, flush or loop.
/// </summary>
internal sealed class RecordCollector : IRecordSink
{
    private static readonly TimeSpan FlushStep = TimeSpan.FromMilliseconds(100);

    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private Exception? _failure;

    public RecordCollector(IProducer<byte[]?, byte[]?> producer)
    {
        _producer = producer;
        _onDelivery = OnDelivery;
    }

    /// <summary>True once a record failed to be delivered.</summary>
    public bool HasFailed => Volatile.Read(ref _failure) is not null;

    public void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null) =>
        Send(topic, Partition.Any, key, value, timestampMs, headers);

    /// <summary>Sends to <paramref name="partition"/> of <paramref name="topic"/> (changelogs: the task's partition), not to the partitioner's choice.</summary>
    public void Send(string topic, Partition partition, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null)
    {
        ThrowIfFailed();
        var message = new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime),
            Headers = headers,
        };
        while (true)
        {
            try
            {
                if (partition == Partition.Any)
                {
                    _producer.Produce(topic, message, _onDelivery);
                }
                else
                {
                    _producer.Produce(new TopicPartition(topic, partition), message, _onDelivery);
                }
                return;
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // Back-pressure: let in-flight batches complete, then try again.
                _producer.Flush(FlushStep);
                ThrowIfFailed();
            }
        }
    }

    /// <summary>Blocks until every record sent so far is acknowledged; throws if any failed.</summary>
    public void Flush()
    {
        while (_producer.Flush(FlushStep) > 0)
        {
            ThrowIfFailed();
        }

        ThrowIfFailed();
    }

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Producing output failed: {failure.Message}", failure);
        }
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _failure, new KafkaException(report.Error), null);
        }
    }
}
