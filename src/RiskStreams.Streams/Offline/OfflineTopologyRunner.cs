using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using RiskStreams.Streams.Internal.Runtime;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Offline;

/// <summary>
/// Runs a topology in process with no broker, as Kafka Streams' TopologyTestDriver does: one task per
/// sub-topology (partition 0), each piped record processed at once together with everything it
/// causes (including records written to and read back from repartition topics), wall-clock time
/// advanced only on request. The same input always gives the same output.
/// </summary>
/// <remarks>
/// Part of the engine because the product replays recorded events offline (the backtest); the test driver of
/// <c>RiskStreams.Streams.Testing</c> builds on it. No handlers run here: a record the topology throws on surfaces as the exception.
/// </remarks>
public sealed partial class OfflineTopologyRunner : IDisposable
{
    private readonly Topology _topology;
    private readonly OfflineRunnerOptions _options;
    private readonly List<StreamTask> _tasks = [];
    private readonly Dictionary<string, StreamTask> _taskByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<ConsumedRecord>> _outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StrongBox<long>> _offsets = new(StringComparer.Ordinal);
    private readonly Queue<ConsumedRecord> _internal = new();

    // Persistent stores of this runner's tasks live here, one directory per runner, deleted on dispose.
    private readonly string _stateDirectory = Path.Combine(Path.GetTempPath(), "riskstreams-offline", Guid.NewGuid().ToString("N"));
    private long _wallClock;
    private bool _processing;

    /// <summary>Builds the tasks of <paramref name="topology"/> and initializes their stores and processors.</summary>
    public OfflineTopologyRunner(Topology topology, OfflineRunnerOptions? options = null)
    {
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        _options = options ?? new OfflineRunnerOptions();
        _wallClock = _options.InitialWallClockTimeMs;
        var collector = new Collector(this);
        var changelog = _options.CaptureChangelogs ? new ChangelogCapture(collector, _options.ApplicationId) : null;
        foreach (var sub in topology.Subtopologies)
        {
            var id = new TaskId(sub.Id, 0);
            var task = new StreamTask(
                id, sub, _options.ApplicationId, collector, () => _wallClock, t => topology.ResolveTopic(_options.ApplicationId, t), changelog,
                stateDirectory: Path.Combine(_stateDirectory, _options.ApplicationId, id.ToString()), cacheMaxBytes: _options.CacheMaxBytesBuffering);
            foreach (var topic in task.SourceTopics)
            {
                _taskByTopic[topic] = task;
            }

            _tasks.Add(task);
        }

        InitializeGlobalStores();
        foreach (var task in _tasks)
        {
            task.Initialize();
        }
    }

    /// <summary>Topics the topology has produced to so far (internal ones included).</summary>
    public IReadOnlyCollection<string> ProducedTopicNames => _outputs.Keys;

    /// <summary>Records dropped by operators (late, invalid timestamp) so far.</summary>
    public long DroppedRecordCount => _tasks.Sum(t => t.Context.DroppedRecords);

    /// <summary>Current mocked wall-clock time.</summary>
    public long WallClockTimeMs => _wallClock;

    /// <summary>An input topic to pipe records into.</summary>
    public OfflineInputTopic<TKey, TValue> CreateInputTopic<TKey, TValue>(string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        if (!_taskByTopic.ContainsKey(topic) && !IsGlobalTopic(topic))
        {
            throw new ArgumentException($"Topic '{topic}' is not a source of this topology.", nameof(topic));
        }

        return new OfflineInputTopic<TKey, TValue>(this, topic, keySerde, valueSerde);
    }

    /// <summary>An output topic to read records from.</summary>
    public OfflineOutputTopic<TKey, TValue> CreateOutputTopic<TKey, TValue>(string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new(this, topic, keySerde, valueSerde);

    /// <summary>Advances the mocked wall clock and fires due wall-clock punctuators.</summary>
    public void AdvanceWallClockTime(TimeSpan advance)
    {
        _wallClock += (long)advance.TotalMilliseconds;
        foreach (var task in _tasks)
        {
            task.PunctuateWallClock();
        }

        Drain();
    }

    /// <summary>
    /// Commits as a running instance does every commit interval: flushes every store, so record caches write their
    /// coalesced changes through to the changelog and the store below. Stores are also flushed on <see cref="Dispose"/>.
    /// </summary>
    public void Commit()
    {
        foreach (var task in _tasks)
        {
            task.Flush();
        }

        Drain();
    }

    /// <summary>A store by name (typed interfaces such as <see cref="IKeyValueStore{TKey, TValue}"/>).</summary>
    public TStore GetStateStore<TStore>(string name)
        where TStore : class
    {
        foreach (var task in _tasks)
        {
            if (task.Subtopology.Stores.Any(s => s.Name == name))
            {
                return task.Store(name) as TStore ?? throw new InvalidOperationException($"Store '{name}' is not a {typeof(TStore).Name}.");
            }
        }

        return FindGlobalStore<TStore>(name) ?? throw new ArgumentException($"No store named '{name}'.", nameof(name));
    }

    /// <summary>A key-value store by name.</summary>
    public IKeyValueStore<TKey, TValue> GetKeyValueStore<TKey, TValue>(string name) => GetStateStore<IKeyValueStore<TKey, TValue>>(name);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var task in _tasks)
        {
            task.Close();
        }

        CloseGlobalStores();
        if (Directory.Exists(_stateDirectory))
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    internal void Pipe(string topic, byte[]? key, byte[]? value, long timestamp, Headers? headers)
    {
        var record = new ConsumedRecord(topic, 0, NextOffset(topic), key, value, timestamp, headers);
        if (TryUpdateGlobalStore(record))
        {
            return;
        }

        Process(record);
        Drain();
    }

    internal Queue<ConsumedRecord> Output(string topic)
    {
        if (!_outputs.TryGetValue(topic, out var queue))
        {
            queue = new Queue<ConsumedRecord>();
            _outputs[topic] = queue;
        }

        return queue;
    }

    /// <summary>Processes one record; serde failures surface as the serde's own exception (no handlers run here).</summary>
    private void Process(in ConsumedRecord record)
    {
        try
        {
            _taskByTopic[record.Topic].Process(record);
        }
        catch (Exception e) when (e is RecordDeserializationException or RecordProductionException && e.InnerException is { } cause)
        {
            ExceptionDispatchInfo.Capture(cause).Throw();
        }
    }

    private void Drain()
    {
        // Records written to internal topics are read back in produce order, as a broker would deliver them.
        if (_processing)
        {
            return;
        }

        _processing = true;
        try
        {
            while (_internal.TryDequeue(out var record))
            {
                Process(record);
            }
        }
        finally
        {
            _processing = false;
        }
    }

    private long NextOffset(string topic)
    {
        return Offsets(topic).Value++;
    }

    /// <summary>The next offset of <paramref name="topic"/>, in a box a sender may keep.</summary>
    private StrongBox<long> Offsets(string topic)
    {
        ref var offsets = ref CollectionsMarshal.GetValueRefOrAddDefault(_offsets, topic, out _);
        return offsets ??= new StrongBox<long>();
    }

    /// <summary>Writes store changes to <c>{applicationId}-{store}-changelog</c>, readable as an output topic like any other.</summary>
    private sealed class ChangelogCapture(Collector collector, string applicationId) : IChangelogCollector
    {
        private readonly Dictionary<string, string> _topics = new(StringComparer.Ordinal);

        public void Append(string storeName, byte[] key, byte[]? value, long timestamp)
        {
            if (!_topics.TryGetValue(storeName, out var topic))
            {
                topic = $"{applicationId}-{storeName}-changelog";
                _topics.Add(storeName, topic);
            }

            collector.Send(topic, key, value, timestamp);
        }
    }

    private sealed class Collector(OfflineTopologyRunner runner) : IRecordSink
    {
        // The topic last sent to, its queue and offsets, and whether a task reads it back: sinks send runs of records to one topic.
        private string? _topic;
        private Queue<ConsumedRecord> _queue = null!;
        private StrongBox<long> _offsets = null!;
        private bool _readBack;

        public void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null)
        {
            if (!ReferenceEquals(topic, _topic))
            {
                _queue = runner.Output(topic);
                _readBack = runner._taskByTopic.ContainsKey(topic);
                _offsets = runner.Offsets(topic);
                _topic = topic;
            }

            var record = new ConsumedRecord(topic, 0, _offsets.Value++, key, value, timestampMs, headers);
            _queue.Enqueue(record);
            runner.TryUpdateGlobalStore(record);
            if (_readBack)
            {
                runner._internal.Enqueue(record);
            }
        }
    }
}
