using Confluent.Kafka;
using RiskStreams.Streams.Internal.Runtime;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Global;

/// <summary>
/// The global stores of one application instance: builds them, applies the records of their topics (from every
/// partition, in the order given) through each store's source and processor, and lets tasks read them
/// (<see cref="FindStore"/> is what <see cref="TaskContext.GlobalStores"/> should call). The runtime feeds it from a
/// consumer assigned all partitions of <see cref="Topics"/>; the test driver feeds it piped records.
/// </summary>
internal sealed class GlobalStateManager
{
    /// <summary>Identity of the global "task" in logs and metrics: global stores belong to no sub-topology.</summary>
    public static readonly TaskId GlobalTaskId = new(-1, -1);

    private readonly Dictionary<string, ISourceNode> _sourcesByTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IStateStore> _stores = new(StringComparer.Ordinal);
    private readonly List<RuntimeNode> _nodes = [];
    private readonly TaskContext _context;

    public GlobalStateManager(Topology topology, string applicationId, Func<long> wallClock)
    {
        ArgumentNullException.ThrowIfNull(topology);
        _context = new TaskContext(applicationId, GlobalTaskId, new NoOutput(), wallClock, topic => topic, changelog: null);
        foreach (var global in topology.GlobalStores)
        {
            var source = global.Source.CreateRuntime();
            var processor = global.Processor.CreateRuntime();
            source.Connect(processor);
            _sourcesByTopic[global.Topic] = (ISourceNode)source;
            _nodes.Add(source);
            _nodes.Add(processor);
            var store = global.Store.Build();
            _stores[store.Name] = store;
            _context.AddStore(store);
        }
    }

    /// <summary>Topics to read in full into the global stores.</summary>
    public IReadOnlyCollection<string> Topics => _sourcesByTopic.Keys;

    /// <summary>Records the global updater dropped (null keys, invalid timestamps).</summary>
    public long DroppedRecords => _context.DroppedRecords;

    public bool IsGlobalTopic(string topic) => _sourcesByTopic.ContainsKey(topic);

    /// <summary>Opens the stores and processors; call once before the first record and before tasks read the stores.</summary>
    public void Initialize()
    {
        foreach (var store in _stores.Values)
        {
            store.Init(_context);
        }

        foreach (var node in _nodes)
        {
            node.Init(_context);
        }
    }

    /// <summary>Applies one record of a global topic (any partition) to its store.</summary>
    public void Process(in ConsumedRecord record)
    {
        if (!_sourcesByTopic.TryGetValue(record.Topic, out var source))
        {
            throw new InvalidOperationException($"Topic '{record.Topic}' feeds no global store.");
        }

        source.Process(record);
    }

    /// <summary>The global store named <paramref name="name"/>, or null.</summary>
    public IStateStore? FindStore(string name) => _stores.GetValueOrDefault(name);

    public void Flush()
    {
        foreach (var store in _stores.Values)
        {
            store.Flush();
        }
    }

    public void Close()
    {
        foreach (var node in _nodes)
        {
            node.Close();
        }

        foreach (var store in _stores.Values)
        {
            store.Flush();
            store.Close();
        }
    }

    /// <summary>Global processors only write their store; anything they forward to a sink is a wiring error.</summary>
    private sealed class NoOutput : IRecordSink
    {
        public void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null) =>
            throw new InvalidOperationException($"A global store processor cannot produce records (topic '{topic}').");
    }
}
