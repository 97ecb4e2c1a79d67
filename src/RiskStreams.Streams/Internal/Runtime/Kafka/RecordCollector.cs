using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The output side of a stream thread: sends its tasks' records through the thread's producer (the producer's
/// murmur2 partitioner picks the partition from the serialized key, unless a partition is given), waits when the
/// producer's queue is full, and keeps the first delivery failure, which fails the thread at the next send, flush or
/// loop — unless the production exception handler skips it (then the refused record goes to the dead-letter topic, if
/// there is one). Under exactly-once every record goes into the producer's open transaction; a record the broker
/// refuses after it was sent makes that transaction abortable (librdkafka), so then the thread fails whatever the
/// handler says, and the transaction is aborted.
/// </summary>
internal sealed class RecordCollector : IRecordSink
{
    private static readonly TimeSpan FlushStep = TimeSpan.FromMilliseconds(100);

    private readonly StreamsProducer _producer;
    private readonly Action<DeliveryReport<byte[]?, byte[]?>> _onDelivery;
    private readonly HandlerErrorPolicy? _errors;
    private readonly string? _deadLetterTopic;
    private Exception? _failure;

    /// <param name="producer">The thread's producer and its transactions.</param>
    /// <param name="errors">Asks the production handler about refused records; null fails on every refusal.</param>
    /// <param name="deadLetterTopic">Receives refused records the handler skips.</param>
    public RecordCollector(StreamsProducer producer, HandlerErrorPolicy? errors = null, string? deadLetterTopic = null)
    {
        _producer = producer;
        _errors = errors;
        _deadLetterTopic = deadLetterTopic;
        _onDelivery = OnDelivery;
    }

    /// <summary>
    /// When (monotonic ms) a flush, or a send waiting for queue space, gives up and throws
    /// <see cref="OutputAbandonedException"/>: set once the thread is closing; never before.
    /// </summary>
    public Func<long> AbandonAtMs { get; init; } = static () => long.MaxValue;

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
                var inFlight = _producer.Flush(FlushStep);
                ThrowIfFailed();
                ThrowIfAbandoned(inFlight);
            }
            catch (ProduceException<byte[]?, byte[]?> e) when (!e.Error.IsFatal)
            {
                // Refused before it left (too large, unknown partition): the production handler decides.
                throw new RecordProductionException(topic, key, value, timestampMs, e);
            }
        }
    }

    /// <summary>Blocks until every record sent so far is acknowledged; throws if any failed, or when the close time ran out (<see cref="AbandonAtMs"/>).</summary>
    public void Flush()
    {
        while (_producer.Flush(FlushStep) is > 0 and var inFlight)
        {
            ThrowIfFailed();
            ThrowIfAbandoned(inFlight);
        }

        ThrowIfFailed();
    }

    private void ThrowIfAbandoned(int inFlight)
    {
        if (Environment.TickCount64 >= AbandonAtMs())
        {
            throw new OutputAbandonedException(inFlight);
        }
    }

    public void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            if (failure is KafkaException kafka && StreamsProducer.IsFencing(kafka.Error))
            {
                throw StreamsProducer.Migrated("sending", kafka);
            }

            throw new InvalidOperationException($"Producing output failed: {failure.Message}", failure);
        }
    }

    private void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
    {
        if (!report.Error.IsError)
        {
            return;
        }

        var error = new KafkaException(report.Error);
        if (report.Error.IsFatal || _producer.Transactional || _errors is null || report.Topic == _deadLetterTopic
            || !_errors.ContinueAfterRefusal(report.Topic, report.Message.Key, report.Message.Value, error))
        {
            Interlocked.CompareExchange(ref _failure, error, null);
            return;
        }

        var deadLettered = _deadLetterTopic is { } deadLetters && TrySendDeadLetter(deadLetters, report, error);
        _errors.ReportRefusalSkipped(report.Topic, error, deadLettered ? _deadLetterTopic : null);
    }

    /// <summary>Sends a refused record to the dead-letter topic without blocking (this runs on the delivery thread).</summary>
    private bool TrySendDeadLetter(string deadLetterTopic, DeliveryReport<byte[]?, byte[]?> report, KafkaException error)
    {
        // librdkafka does not report the timestamp of a failed message: the dead letter gets the current time.
        var message = new Message<byte[]?, byte[]?>
        {
            Key = report.Message.Key,
            Value = report.Message.Value,
            Headers = DeadLetter.OutputHeaders(report.Topic, error),
        };
        try
        {
            _producer.ProduceOutsideTransaction(deadLetterTopic, message, _onDelivery);
            return true;
        }
        catch (ProduceException<byte[]?, byte[]?>)
        {
            return false;
        }
    }
}
