using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>One sub-topology instantiated for one partition: its nodes, stores and time.</summary>
internal sealed class StreamTask
{
    private readonly Dictionary<string, ISourceNode> _sourcesByTopic = new(StringComparer.Ordinal);
    private readonly List<RuntimeNode> _nodes = [];
    private bool _storesInitialized;
    private bool _nodesInitialized;

    public StreamTask(
        TaskId id, Subtopology subtopology, string applicationId, IRecordSink collector, Func<long> wallClock, Func<string, string> resolveTopic,
        IChangelogCollector? changelog = null, string? stateDirectory = null, long cacheMaxBytes = 0)
    {
        Id = id;
        Subtopology = subtopology;
        Context = new TaskContext(applicationId, id, collector, wallClock, resolveTopic, changelog) { StateDirectory = stateDirectory, CacheMaxBytes = cacheMaxBytes };
        var runtime = subtopology.Nodes.ToDictionary(n => n.Name, n => n.CreateRuntime(), StringComparer.Ordinal);
        foreach (var node in subtopology.Nodes)
        {
            foreach (var child in node.Children)
            {
                runtime[node.Name].Connect(runtime[child.Name]);
            }

            if (node is ISourceGraphNode source)
            {
                foreach (var topic in source.Topics)
                {
                    _sourcesByTopic[resolveTopic(topic)] = (ISourceNode)runtime[node.Name];
                }
            }

            _nodes.Add(runtime[node.Name]);
        }

        foreach (var builder in subtopology.Stores)
        {
            Context.AddStore(builder.Build());
        }
    }

    public TaskId Id { get; }

    public Subtopology Subtopology { get; }

    public TaskContext Context { get; }

    public IEnumerable<string> SourceTopics => _sourcesByTopic.Keys;

    /// <summary>Opens the stores, then the processors.</summary>
    public void Initialize()
    {
        InitializeStores();
        InitializeNodes();
    }

    /// <summary>Opens the stores (before they are restored from their changelogs).</summary>
    public void InitializeStores()
    {
        foreach (var store in Context.Stores)
        {
            store.Init(Context);
        }

        _storesInitialized = true;
    }

    /// <summary>Initializes the processors (once the stores hold their restored state).</summary>
    public void InitializeNodes()
    {
        foreach (var node in _nodes)
        {
            node.Init(Context);
        }

        _nodesInitialized = true;
    }

    /// <summary>Processes one raw input record, then fires due stream-time punctuators.</summary>
    public void Process(in ConsumedRecord record)
    {
        if (!_sourcesByTopic.TryGetValue(record.Topic, out var source))
        {
            throw new InvalidOperationException($"Task {Id} has no source for topic '{record.Topic}'.");
        }

        source.Process(record);
        Context.MaybePunctuate(PunctuationType.StreamTime);
    }

    public int PunctuateWallClock() => Context.MaybePunctuate(PunctuationType.WallClockTime);

    public IStateStore Store(string name) => Context.GetStore(name);

    public void Flush()
    {
        foreach (var store in Context.Stores)
        {
            store.Flush();
        }
    }

    /// <summary>Closes what was initialized: a task closed while restoring never initialized its processors.</summary>
    public void Close()
    {
        if (_nodesInitialized)
        {
            foreach (var node in _nodes)
            {
                node.Close();
            }
        }

        if (_storesInitialized)
        {
            foreach (var store in Context.Stores)
            {
                store.Flush();
                store.Close();
            }
        }
    }
}
