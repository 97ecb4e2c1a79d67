using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Streams.Internal.Global;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Keeps the global stores of this instance up to date: reads every partition of the global topics
/// from the beginning (no consumer group, nothing committed — the topic is the store's changelog),
/// signals when it has caught up with the end offsets seen at start (stream threads start only
/// then), and goes on applying new records on its own thread until stopped. A record that fails to deserialize or to
/// be applied goes to the same exception handlers as a stream record (<see cref="HandlerErrorPolicy"/>): skipped, it
/// is counted and sent to the dead-letter topic, at start-up as later; only a handler that answers
/// <see cref="ExceptionHandlerResponse.Fail"/> (or a client failure) ends the thread, and that faults
/// <see cref="Completion"/>.
/// </summary>
internal sealed class GlobalStreamThread
{
    private readonly GlobalStateManager _manager;
    private readonly StreamsOptions _options;
    private readonly ILogger _logger;
    private readonly HandlerErrorPolicy _errorPolicy;
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Thread _thread;
    private volatile bool _stopRequested;

    public GlobalStreamThread(GlobalStateManager manager, StreamsOptions options, HandlerErrorPolicy errorPolicy, ILogger logger)
    {
        _manager = manager;
        _errorPolicy = errorPolicy;
        _options = options;
        _logger = logger;
        _thread = new Thread(Run) { Name = $"{options.ApplicationId}-GlobalStreamThread", IsBackground = true };
    }

    /// <summary>Completes once every global store holds its topic up to the end offsets seen at start; faults on an error.</summary>
    public Task CaughtUp => _caughtUp.Task;

    public string Name => _thread.Name!;

    /// <summary>Completes when the thread has stopped; faults with the error that ended it.</summary>
    public Task Completion => _stopped.Task;

    public void Start() => _thread.Start();

    public void RequestStop() => _stopRequested = true;

    private void Run()
    {
        using var deadLetters = new GlobalDeadLetterSink(_options, _logger);
        try
        {
            var config = KafkaClientFactory.Consumer(_options, $"{_options.ApplicationId}-global-consumer");
            config.GroupId = $"{_options.ApplicationId}-global";
            config.EnableAutoCommit = false;
            // The end of a partition also counts as caught up: a topic written in transactions ends with a marker, not
            // a record, and read_committed (exactly-once) ends at the last stable offset.
            config.EnablePartitionEof = true;
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, m) => ClientLog.Write(_logger, m)).Build();
            var partitions = Partitions();
            consumer.Assign(partitions.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
            var remaining = partitions
                .Select(tp => (Partition: tp, End: consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(30)).High.Value))
                .Where(p => p.End > 0)
                .ToDictionary(p => p.Partition, p => p.End);
            _manager.Initialize();
            if (remaining.Count == 0)
            {
                _caughtUp.TrySetResult();
            }

            while (!_stopRequested)
            {
                var result = consumer.Consume(_options.PollTimeout);
                if (result is { IsPartitionEOF: true })
                {
                    MarkCaughtUp(remaining, result.TopicPartition);
                    continue;
                }

                if (result?.Message is null)
                {
                    continue;
                }

                Apply(new ConsumedRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key,
                    result.Message.Value, result.Message.Timestamp.UnixTimestampMs, result.Message.Headers), deadLetters);
                if (remaining.TryGetValue(result.TopicPartition, out var end) && result.Offset.Value + 1 >= end)
                {
                    MarkCaughtUp(remaining, result.TopicPartition);
                }
            }

            _caughtUp.TrySetCanceled();
            consumer.Close();
            _manager.Close();
            _stopped.TrySetResult();
        }
        catch (Exception e)
        {
            _caughtUp.TrySetException(e);
            _stopped.TrySetException(e);
        }
    }

    /// <summary>Applies one record; a failure goes to the handlers, which skip it (dead letter) or end the thread.</summary>
    private void Apply(in ConsumedRecord record, GlobalDeadLetterSink deadLetters)
    {
        try
        {
            _manager.Process(record);
        }
        catch (Exception e)
        {
            if (_errorPolicy.OnError(GlobalStateManager.GlobalTaskId, record, e, deadLetters) == ProcessingErrorAction.Fail)
            {
                throw new InvalidOperationException(
                    $"The global thread failed to apply {record.Topic}[{record.Partition}]@{record.Offset}: {e.Message}", e);
            }
        }
    }

    private void MarkCaughtUp(Dictionary<TopicPartition, long> remaining, TopicPartition partition)
    {
        if (remaining.Remove(partition) && remaining.Count == 0)
        {
            _caughtUp.TrySetResult();
        }
    }

    private List<TopicPartition> Partitions()
    {
        using var admin = KafkaClientFactory.Admin(_options, _logger);
        var result = new List<TopicPartition>();
        foreach (var topic in _manager.Topics)
        {
            var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(30)).Topics.SingleOrDefault(t => t.Topic == topic);
            if (metadata is null || metadata.Error.IsError || metadata.Partitions.Count == 0)
            {
                throw new InvalidOperationException($"Global topic '{topic}' does not exist or has no partitions ({metadata?.Error.Reason ?? "no metadata"}).");
            }

            result.AddRange(metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)));
        }

        return result;
    }
}
