using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Internal.Global;

/// <summary>
/// Where the global thread sends the records of global topics that its exception handlers skip: a plain
/// (non-transactional) producer of its own, created at the first dead letter. The global thread commits nothing, so
/// a dead letter is only flushed on close; one the broker refuses is logged.
/// </summary>
internal sealed class GlobalDeadLetterSink(StreamsOptions options, ILogger logger) : IRecordSink, IDisposable
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);
    private IProducer<byte[]?, byte[]?>? _producer;

    public void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null)
    {
        _producer ??= new ProducerBuilder<byte[]?, byte[]?>(KafkaClientFactory.Producer(options, $"{options.ApplicationId}-global-dead-letters"))
            .SetLogHandler((_, m) => ClientLog.Write(logger, m))
            .Build();
        _producer.Produce(topic, new Message<byte[]?, byte[]?>
        {
            Key = key,
            Value = value,
            Timestamp = new Timestamp(Math.Max(0, timestampMs), TimestampType.CreateTime),
            Headers = headers,
        }, OnDelivery);
    }

    public void Dispose()
    {
        if (_producer is null)
        {
            return;
        }

        _producer.Flush(FlushTimeout);
        _producer.Dispose();
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (report.Error.IsError)
        {
            LifecycleLog.GlobalDeadLetterFailed(logger, options.ApplicationId, report.Topic, report.Error.Reason);
        }
    }
}
