using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// One stream thread: its own consumer in the application's group and its own producer (transactional under
/// exactly-once, see <see cref="StreamsProducer"/>), the tasks of the partitions the group assigns to it, and the loop
/// that polls, processes in timestamp order, punctuates and commits. Everything
/// but <see cref="RequestStop"/> and the read-only members runs on the thread itself.
/// </summary>
internal sealed partial class StreamThread
{
    private const int MaxPollRecords = 1000;
    private const int RestoringPollTimeoutMs = 5;

    private readonly TopicPlan _plan;
    private readonly Topology _topology;
    private readonly StreamsOptions _options;
    private readonly TaskRegistry _registry;
    private readonly HandlerErrorPolicy _errorPolicy;
    private readonly ILogger _logger;
    private readonly Action<StreamThread> _stateListener;
    private readonly Lock _stateLock = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _commitIntervalMs;
    private readonly long _maxTaskIdleMs;
    private readonly long? _maxTaskTimeSkewMs;
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private readonly string? _transactionalId;
    private StreamsProducer? _producer;
    private RecordCollector? _collector;
    private StoreRestorer? _restorer;
    private Exception? _fatalClientError;
    private StreamsState _state = StreamsState.Created;
    private volatile bool _stopRequested;
    private volatile bool _abandon;
    private long _abandonOutputAtMs = long.MaxValue;
    private long _nextCommitMs;
    private readonly Func<string, IStateStore?>? _globalStores;
    private readonly KeyValuePair<string, object?> _threadTag;

    public StreamThread(string name, TopicPlan plan, Topology topology, StreamsOptions options, TaskRegistry registry,
        HandlerErrorPolicy errorPolicy, ILogger logger, Action<StreamThread> stateListener, Func<string, IStateStore?>? globalStores = null,
        string? transactionalId = null)
    {
        Name = name;
        _transactionalId = transactionalId;
        _threadTag = new KeyValuePair<string, object?>("thread", name);

        // The paused-partitions gauge reads 0 for the thread until a dependency pauses one.
        StreamsMetrics.DependencyPausedPartitions.Add(0, _threadTag);
        _globalStores = globalStores;
        _plan = plan;
        _topology = topology;
        _options = options;
        _registry = registry;
        _errorPolicy = errorPolicy;
        _logger = logger;
        _stateListener = stateListener;
        _commitIntervalMs = (long)options.CommitInterval.TotalMilliseconds;
        _maxTaskIdleMs = (long)options.MaxTaskIdle.TotalMilliseconds;
        _maxTaskTimeSkewMs = options.MaxTaskTimeSkew is { } skew ? (long)skew.TotalMilliseconds : null;
        foreach (var sub in plan.Subtopologies)
        {
            foreach (var topic in sub.SourceTopics)
            {
                _queuesByTopic[topic] = new RecordQueue?[sub.Partitions];
            }
        }
    }

    public string Name { get; }

    /// <summary>Receives the consumer's and the producer's statistics, from which the instance tells whether a broker is reachable.</summary>
    public BrokerConnectivity? Connectivity { get; init; }

    /// <summary>The consumer's static membership id (<see cref="StreamsOptions.GroupInstanceId"/> and the thread's number); null for dynamic membership.</summary>
    public string? GroupInstanceId { get; init; }

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

    /// <summary>True when the thread closed without its final commit because its output could not be delivered in time.</summary>
    public bool AbandonedOutput { get; private set; }

    /// <summary>Why the thread stopped in <see cref="StreamsState.Error"/>.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Completes once the thread has stopped and its clients are disposed.</summary>
    public Task Completion => _completion.Task;

    public StreamThreadMetadata Metadata => new(Name, State, _activeTaskIds);

    public void Start() => new Thread(Run) { Name = Name, IsBackground = true }.Start();

    private static long NowMs() => Environment.TickCount64;

    private static long WallClockMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private void Run()
    {
        try
        {
            _producer = new StreamsProducer(
                new ProducerBuilder<byte[]?, byte[]?>(Watched(KafkaClientFactory.Producer(_options, $"{Name}-producer", _transactionalId)))
                    .SetLogHandler((_, m) => ClientLog.Write(_logger, m))
                    .SetStatisticsHandler((_, json) => OnStatistics($"{Name}-producer", json))
                    .SetErrorHandler((_, e) => OnClientError(e))
                    .Build(),
                transactional: _transactionalId is not null);

            // Under exactly-once this fences an older producer with the same id and aborts its open transaction.
            _producer.BindToCurrentThread();
            _producer.Initialize();
            _collector = new RecordCollector(_producer, _errorPolicy, _options.DeadLetterTopic)
            {
                AbandonAtMs = () => Volatile.Read(ref _abandonOutputAtMs),
            };
            _consumer = new ConsumerBuilder<byte[]?, byte[]?>(Watched(KafkaClientFactory.GroupConsumer(_options, $"{Name}-consumer", GroupInstanceId)))
                .SetLogHandler((_, m) => ClientLog.Write(_logger, m))
                .SetStatisticsHandler((_, json) =>
                {
                    OnStatistics($"{Name}-consumer", json);
                    ConsumerLagStatistics.OnStatistics($"{Name}-consumer", json);
                })
                .SetErrorHandler((_, e) => OnClientError(e))
                .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
                .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions))
                .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
                .Build();
            _restorer = new StoreRestorer(_options, Name, _logger, () => _consumer);
            SetState(StreamsState.Rebalancing);
            _consumer.Subscribe(_plan.AnchorTopics);
            _nextCommitMs = NowMs() + _commitIntervalMs;
            while (!_stopRequested)
            {
                RunOnce();
            }

            SetState(StreamsState.PendingShutdown);
            if (_abandon)
            {
                // As if the process died, except that the open transaction is aborted at once instead of when it times out.
                AbortTransaction();
                CloseTasks(clean: false);
            }
            else
            {
                Commit(_taskList, synchronous: true);
                CloseTasks(clean: true);
            }

            ReconcileFollowers();
            _consumer.Close();
            SetState(StreamsState.NotRunning);
        }
        catch (OutputAbandonedException e) when (_stopRequested)
        {
            CloseAbandoningOutput(e);
        }
        catch (Exception e)
        {
            Error = e;
            Log.ThreadFailed(_logger, e, Name);
            SetState(StreamsState.Error);
            CloseAfterFailure();
        }
        finally
        {
            DisposeRestorer();
            _consumer?.Dispose();
            _producer?.Dispose();
            _completion.TrySetResult();
        }
    }

    /// <summary>Turns on the statistics by which the thread sees brokers come back and <see cref="Connectivity"/> watches them.</summary>
    private static TConfig Watched<TConfig>(TConfig config)
        where TConfig : ClientConfig
    {
        config.StatisticsIntervalMs ??= BrokerConnectivity.StatisticsIntervalMs;
        return config;
    }

    private void RunOnce()
    {
        _collector!.ThrowIfFailed();
        if (Volatile.Read(ref _fatalClientError) is { } fatal)
        {
            if (fatal is KafkaException kafka && StreamsProducer.IsFencing(kafka.Error))
            {
                throw StreamsProducer.Migrated("running", kafka);
            }

            throw new InvalidOperationException($"A Kafka client of {Name} failed fatally: {fatal.Message}", fatal);
        }

        Poll(PollTimeoutMs());
        RestoreTasks();
        ProcessTasks(NowMs());
        PunctuateWallClock();
        ApplyPauseAndResume();
        if (NowMs() >= _nextCommitMs)
        {
            Commit(_taskList, synchronous: false);
            _nextCommitMs = NowMs() + _commitIntervalMs;
        }
    }

    /// <summary>Blocks in the consumer for at most <paramref name="timeoutMs"/>, then takes what is already fetched without blocking.</summary>
    private void Poll(int timeoutMs)
    {
        var result = _consumer!.Consume(timeoutMs);
        for (var polled = 0; ;)
        {
            // Rebalance callbacks run inside Consume; partitions that follow the assigned ones are (un)assigned after it.
            ReconcileFollowers();
            if (result is null)
            {
                return;
            }

            Route(result);
            if (++polled >= MaxPollRecords)
            {
                return;
            }

            result = _consumer.Consume(0);
        }
    }

    private void Route(ConsumeResult<byte[]?, byte[]?> result)
    {
        if (!_queuesByTopic.TryGetValue(result.Topic, out var byPartition))
        {
            return;
        }

        var partition = result.Partition.Value;
        if ((uint)partition >= (uint)byPartition.Length || byPartition[partition] is not { } queue)
        {
            // Left over from a partition whose task has closed; its new owner reads it from the committed offset.
            return;
        }

        if (result.IsPartitionEOF)
        {
            queue.MarkEnd();
            return;
        }

        var message = result.Message;
        var timestamp = message.Timestamp.Type == TimestampType.NotAvailable ? -1 : message.Timestamp.UnixTimestampMs;
        queue.Add(new ConsumedRecord(result.Topic, partition, result.Offset.Value, message.Key, message.Value, timestamp, message.Headers), Stopwatch.GetTimestamp());
        if (queue.Count >= MaxBufferedPerPartition && !queue.Paused)
        {
            queue.Paused = true;
            _pausing.Add(queue);
        }
    }

    private int PollTimeoutMs()
    {
        if (_moreWork)
        {
            return 0;
        }

        var now = NowMs();
        var timeout = Math.Min((long)_options.PollTimeout.TotalMilliseconds, _nextCommitMs - now);
        if (_restorer!.HasWork)
        {
            // Restoring reads its own consumer in between, and blocks there when its fetches lag; the group consumer
            // only needs to keep being polled, so it does not wait at all while changelog partitions are being read.
            timeout = Math.Min(timeout, _restorer.IsReading ? 0 : RestoringPollTimeoutMs);
        }

        foreach (var task in _taskList)
        {
            timeout = Math.Min(timeout, task.Group.NextIdleDeadline(now) - now);
        }

        timeout = Math.Min(timeout, NextDependencyRetryMs() - now);

        return (int)Math.Max(0, timeout);
    }

    private void OnClientError(Error error)
    {
        if (error.Code == ErrorCode.Local_AllBrokersDown)
        {
            OnBrokersDown();
        }

        if (error.IsFatal)
        {
            Interlocked.CompareExchange(ref _fatalClientError, new KafkaException(error), null);
        }
        else
        {
            RuntimeLog.ClientError(_logger, Name, error.Code.ToString(), error.Reason);
        }
    }

    private void SetState(StreamsState next)
    {
        StreamsState previous;
        lock (_stateLock)
        {
            previous = _state;
            if (previous == next || !StreamsStates.CanMove(previous, next))
            {
                return;
            }

            _state = next;
        }

        RuntimeLog.ThreadStateChanged(_logger, Name, previous, next);
        _stateListener(this);
    }
}
