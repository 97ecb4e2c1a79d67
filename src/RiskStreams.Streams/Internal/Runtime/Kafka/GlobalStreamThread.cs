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
/// <see cref="Completion"/>. A record whose deserialization meets an unavailable dependency
/// (<see cref="DependencyUnavailableException"/>, e.g. the Schema Registry down) is not bad data: the thread holds it and
/// retries it with backoff (<see cref="DependencyBackoff"/>) — nothing after it is applied meanwhile, nothing is skipped
/// or dead-lettered — until it goes through or the thread is stopped.
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
    private readonly object _stopGate = new();
    private readonly DependencyBackoff _backoff = new();
    private readonly KeyValuePair<string, object?> _threadTag;
    private volatile bool _stopRequested;

    public GlobalStreamThread(GlobalStateManager manager, StreamsOptions options, HandlerErrorPolicy errorPolicy, ILogger logger)
    {
        _manager = manager;
        _errorPolicy = errorPolicy;
        _options = options;
        _logger = logger;
        _thread = new Thread(Run) { Name = $"{options.ApplicationId}-GlobalStreamThread", IsBackground = true };
        _threadTag = new KeyValuePair<string, object?>("thread", _thread.Name);
    }

    /// <summary>Completes once every global store holds its topic up to the end offsets seen at start; faults on an error.</summary>
    public Task CaughtUp => _caughtUp.Task;

    public string Name => _thread.Name!;

    /// <summary>Completes when the thread has stopped; faults with the error that ended it.</summary>
    public Task Completion => _stopped.Task;

    public void Start() => _thread.Start();

    public void RequestStop()
    {
        lock (_stopGate)
        {
            _stopRequested = true;
            Monitor.PulseAll(_stopGate);
        }
    }

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

    /// <summary>
    /// Applies one record, holding it while a dependency it needs is unavailable; any other failure goes to the handlers,
    /// which skip it (dead letter) or end the thread.
    /// </summary>
    private void Apply(in ConsumedRecord record, GlobalDeadLetterSink deadLetters)
    {
        while (!TryApply(record, deadLetters))
        {
            if (WaitForRetryOrStop())
            {
                // Stopped while held: nothing was committed, the next start reads the topic from the beginning again.
                EndHold(resumed: false);
                return;
            }
        }

        EndHold(resumed: true);
    }

    /// <summary>Sleeps until the held record's next retry; true when the thread was asked to stop meanwhile.</summary>
    private bool WaitForRetryOrStop()
    {
        lock (_stopGate)
        {
            var delay = _backoff.RetryAtMs - Environment.TickCount64;
            if (!_stopRequested && delay > 0)
            {
                Monitor.Wait(_stopGate, TimeSpan.FromMilliseconds(delay));
            }

            return _stopRequested;
        }
    }

    /// <summary>Applies one record; false when it met an unavailable dependency and is to be retried.</summary>
    private bool TryApply(in ConsumedRecord record, GlobalDeadLetterSink deadLetters)
    {
        try
        {
            _manager.Process(record);
        }
        catch (RecordDeserializationException e) when (e.InnerException is DependencyUnavailableException outage)
        {
            Hold(record, outage);
            return false;
        }
        catch (Exception e)
        {
            if (_errorPolicy.OnError(GlobalStateManager.GlobalTaskId, record, e, deadLetters) == ProcessingErrorAction.Fail)
            {
                throw new InvalidOperationException(
                    $"The global thread failed to apply {record.Topic}[{record.Partition}]@{record.Offset}: {e.Message}", e);
            }
        }

        return true;
    }

    private void Hold(in ConsumedRecord record, DependencyUnavailableException outage)
    {
        var now = Environment.TickCount64;
        if (!_backoff.Fail(now))
        {
            RuntimeLog.DependencyStillUnavailable(_logger, Name, GlobalStateManager.GlobalTaskId, _backoff.Attempts, _backoff.RetryAtMs - now, outage.Message);
            return;
        }

        // The thread reads nothing else meanwhile: its one partition being held counts as paused.
        StreamsMetrics.DependencyPausedPartitions.Add(1, _threadTag);
        StreamsMetrics.DependencyPauses.Add(1, _threadTag, new KeyValuePair<string, object?>("task", GlobalStateManager.GlobalTaskId.ToString()));
        RuntimeLog.DependencyUnavailable(_logger, Name, GlobalStateManager.GlobalTaskId, record.Topic, record.Partition, record.Offset, outage.Message);
    }

    private void EndHold(bool resumed)
    {
        if (!_backoff.Paused)
        {
            return;
        }

        if (resumed)
        {
            RuntimeLog.DependencyAvailable(_logger, Name, GlobalStateManager.GlobalTaskId, _backoff.Attempts, Environment.TickCount64 - _backoff.PausedSinceMs);
        }

        StreamsMetrics.DependencyPausedPartitions.Add(-1, _threadTag);
        _backoff.Clear();
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
