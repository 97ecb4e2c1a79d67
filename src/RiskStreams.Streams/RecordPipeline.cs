using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.Streams.Internal;

namespace RiskStreams.Streams;

/// <summary>
/// Runs an <see cref="IRecordHandler"/> over input topics with at-least-once guarantees: one stream
/// thread polls, processes, produces, and every <see cref="StreamsOptions.CommitInterval"/> flushes
/// the producer and commits the processed offsets. The consumer group is the application id with
/// cooperative-sticky assignment. A record the handler throws on goes to the dead-letter topic with
/// its source position and the error, and the records behind it are processed as usual.
/// </summary>
public sealed class RecordPipeline : IAsyncDisposable
{
    private readonly StreamsOptions _options;
    private readonly IReadOnlyList<string> _topics;
    private readonly IRecordHandler _handler;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<TopicPartition, long> _pending = [];
    private readonly Lock _stateLock = new();
    private volatile bool _stopRequested;
    private Thread? _thread;
    private StreamsState _state = StreamsState.Created;

    /// <summary>Creates a pipeline; nothing connects until <see cref="Start"/>.</summary>
    public RecordPipeline(StreamsOptions options, IEnumerable<string> inputTopics, IRecordHandler handler, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _topics = [.. inputTopics ?? throw new ArgumentNullException(nameof(inputTopics))];
        if (_topics.Count == 0)
        {
            throw new ArgumentException("At least one input topic is required.", nameof(inputTopics));
        }

        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<RecordPipeline>();
    }

    /// <summary>Raised on every state change, on the thread that caused it.</summary>
    public event EventHandler<StreamsState>? StateChanged;

    /// <summary>Current state.</summary>
    public StreamsState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The error that moved the pipeline to <see cref="StreamsState.Error"/>, if any.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Input records processed so far (including dead-lettered ones).</summary>
    public long ProcessedCount => Interlocked.Read(ref _processed);

    private long _processed;

    /// <summary>Completes when the stream thread has stopped, cleanly or on error.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>Starts the stream thread.</summary>
    public void Start()
    {
        lock (_stateLock)
        {
            if (_state != StreamsState.Created)
            {
                throw new InvalidOperationException($"{nameof(RecordPipeline)} can start only once (state {_state}).");
            }
        }

        Librdkafka.EnsureLoaded();
        SetState(StreamsState.Rebalancing);
        _thread = new Thread(Run) { Name = $"{_options.ApplicationId}-StreamThread-1", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Asks the thread to finish the current record, flush, commit and leave the group; completes when it has.</summary>
    public Task StopAsync()
    {
        _stopRequested = true;
        return _thread is null ? Task.CompletedTask : _stopped.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    private void Run()
    {
        try
        {
            RunLoop();

            // Completed only after the clients are disposed, so callers may tear the cluster down.
            SetState(StreamsState.NotRunning);
            _stopped.TrySetResult();
        }
        catch (Exception ex)
        {
            Error = ex;
            Log.ThreadFailed(_logger, ex, _options.ApplicationId);
            SetState(StreamsState.Error);
            _stopped.TrySetException(ex);
        }
    }

    private void RunLoop()
    {
        using var producer = BuildProducer();
        using var consumer = BuildConsumer(producer);
        var sink = new ProducerSink(producer);
        consumer.Subscribe(_topics);
        var nextCommit = DateTime.UtcNow + _options.CommitInterval;
        while (!_stopRequested)
        {
            sink.ThrowIfFailed();
            var result = consumer.Consume(_options.PollTimeout);
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                ProcessOne(result, sink);
            }

            if (DateTime.UtcNow >= nextCommit)
            {
                Commit(consumer, producer, sink, _pending.Keys.ToList());
                nextCommit = DateTime.UtcNow + _options.CommitInterval;
            }
        }

        SetState(StreamsState.PendingShutdown);
        Commit(consumer, producer, sink, _pending.Keys.ToList());
        consumer.Close();
    }

    private void ProcessOne(ConsumeResult<byte[]?, byte[]?> result, ProducerSink sink)
    {
        var record = new ConsumedRecord(result.Topic, result.Partition.Value, result.Offset.Value, result.Message.Key,
            result.Message.Value, result.Message.Timestamp.UnixTimestampMs, result.Message.Headers);
        try
        {
            _handler.Process(record, sink);
        }
        catch (Exception ex) when (_options.DeadLetterTopic is not null && ex is not ProduceException<byte[]?, byte[]?>)
        {
            sink.Send(_options.DeadLetterTopic, record.Key, record.Value, record.TimestampMs, DeadLetter.Headers(record, ex));
            StreamsMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("error", ex.GetType().Name));
            Log.DeadLettered(_logger, _options.ApplicationId, record.Topic, record.Partition, record.Offset, _options.DeadLetterTopic, ex.Message);
        }

        _pending[result.TopicPartition] = result.Offset.Value + 1;
        Interlocked.Increment(ref _processed);
        StreamsMetrics.RecordsProcessed.Add(1, new KeyValuePair<string, object?>("topic", result.Topic));
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, IProducer<byte[]?, byte[]?> producer, ProducerSink sink, IReadOnlyCollection<TopicPartition> partitions)
    {
        var toCommit = partitions.Where(_pending.ContainsKey).Select(tp => new TopicPartitionOffset(tp, _pending[tp])).ToList();
        if (toCommit.Count == 0)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // Output must be acknowledged before the input offsets that produced it are committed.
        while (producer.Flush(TimeSpan.FromSeconds(1)) > 0)
        {
            sink.ThrowIfFailed();
        }

        sink.ThrowIfFailed();
        consumer.Commit(toCommit);
        foreach (var tpo in toCommit)
        {
            _pending.Remove(tpo.TopicPartition);
        }

        StreamsMetrics.Commits.Add(1);
        StreamsMetrics.CommitLatency.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private IProducer<byte[]?, byte[]?> BuildProducer()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            ClientId = $"{_options.ApplicationId}-producer",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            Partitioner = Partitioner.Murmur2Random,
        };
        Apply(config);
        return new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, m) => ClientLog.Write(_logger, m)).Build();
    }

    private IConsumer<byte[]?, byte[]?> BuildConsumer(IProducer<byte[]?, byte[]?> producer)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = _options.ApplicationId,
            ClientId = $"{_options.ApplicationId}-consumer",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            IsolationLevel = IsolationLevel.ReadCommitted,
        };
        config.Set("fetch.queue.backoff.ms", "0");
        Apply(config);
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, m) => ClientLog.Write(_logger, m))
            .SetPartitionsAssignedHandler((_, assigned) =>
            {
                Log.Assigned(_logger, _options.ApplicationId, string.Join(",", assigned));
                SetState(StreamsState.Running);
            })
            .SetPartitionsRevokedHandler((c, revoked) =>
            {
                Log.Revoked(_logger, _options.ApplicationId, string.Join(",", revoked));
                Commit(c, producer, new ProducerSink(producer), [.. revoked.Select(r => r.TopicPartition)]);
            })
            .Build();
    }

    private void Apply(ClientConfig config)
    {
        foreach (var (key, value) in _options.ClientProperties)
        {
            config.Set(key, value);
        }
    }

    private void SetState(StreamsState next)
    {
        StreamsState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == next || previous is StreamsState.Error or StreamsState.NotRunning)
            {
                return;
            }

            _state = next;
        }

        Log.StateChanged(_logger, _options.ApplicationId, previous, next);
        StateChanged?.Invoke(this, next);
    }
}
