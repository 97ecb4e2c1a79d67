using Confluent.Kafka;

namespace RiskStreams.Streams.Internal;

/// <summary>Sends output through the shared producer and remembers the first delivery failure.</summary>
internal sealed class ProducerSink(IProducer<byte[]?, byte[]?> producer) : IRecordSink
{
    private Exception? _failure;

    public void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null)
    {
        ThrowIfFailed();
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Timestamp = new Timestamp(timestampMs, TimestampType.CreateTime), Headers = headers };
        producer.Produce(topic, message, report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _failure, new KafkaException(report.Error), null);
            }
        });
    }

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Producing output failed: {failure.Message}", failure);
        }
    }
}
