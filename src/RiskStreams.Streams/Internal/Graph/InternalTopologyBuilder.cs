using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Graph;

/// <summary>
/// Collects nodes, edges, stores, global stores, internal topics and co-partitioning requirements;
/// <see cref="Build"/> splits the nodes into sub-topologies (nodes joined by edges or by a shared store) and
/// checks the wiring; <see cref="BuildTopology"/> adds the global stores and co-partition groups.
/// </summary>
internal sealed class InternalTopologyBuilder
{
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<GraphNode> _order = [];
    private readonly Dictionary<string, IStoreBuilder> _stores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IStoreBuilder> _globalStores = new(StringComparer.Ordinal);
    private readonly List<(GraphNode Source, GraphNode Processor, IStoreBuilder Store)> _globalNodes = [];
    private readonly List<GraphNode[]> _copartitioned = [];
    private readonly Dictionary<string, string> _topicToSource = new(StringComparer.Ordinal);
    private int _index;

    public HashSet<string> RepartitionTopics { get; } = new(StringComparer.Ordinal);

    /// <summary>Next generated name, Kafka-style: <c>KSTREAM-FILTER-0000000003</c>.</summary>
    public string NewName(string prefix) => $"{prefix}-{_index++:D10}";

    public T AddNode<T>(T node, params GraphNode[] parents)
        where T : GraphNode
    {
        if (!_nodes.TryAdd(node.Name, node))
        {
            throw new InvalidOperationException($"A node named '{node.Name}' already exists in the topology.");
        }

        _order.Add(node);
        foreach (var parent in parents)
        {
            parent.Children.Add(node);
            node.Parents.Add(parent);
        }

        RegisterSourceTopics(node);
        return node;
    }

    /// <summary>
    /// Adds a global store filled by <paramref name="source"/> (one topic, every partition) through
    /// <paramref name="processor"/>. The nodes belong to no sub-topology; tasks read the store by name.
    /// </summary>
    public void AddGlobalStore(GraphNode source, GraphNode processor, IStoreBuilder store)
    {
        if (source is not ISourceGraphNode { Topics.Count: 1 })
        {
            throw new InvalidOperationException($"Global store '{store.Name}' needs a source of exactly one topic.");
        }

        if (_stores.ContainsKey(store.Name) || !_globalStores.TryAdd(store.Name, store))
        {
            throw new InvalidOperationException($"A store named '{store.Name}' already exists in the topology.");
        }

        foreach (var node in new[] { source, processor })
        {
            if (!_nodes.TryAdd(node.Name, node))
            {
                throw new InvalidOperationException($"A node named '{node.Name}' already exists in the topology.");
            }
        }

        RegisterSourceTopics(source);
        source.Children.Add(processor);
        processor.Parents.Add(source);
        processor.StoreNames.Add(store.Name);
        _globalNodes.Add((source, processor, store));
    }

    /// <summary>The builder of a task store or global store, or null.</summary>
    public IStoreBuilder? StoreBuilder(string name) => _stores.GetValueOrDefault(name) ?? _globalStores.GetValueOrDefault(name);

    /// <summary>True when <paramref name="name"/> is a global store.</summary>
    public bool IsGlobalStore(string name) => _globalStores.ContainsKey(name);

    /// <summary>
    /// Records that the source topics feeding each of <paramref name="nodes"/> must be co-partitioned (same
    /// partition count), as the two inputs of a join must be.
    /// </summary>
    public void Copartition(params GraphNode[] nodes) => _copartitioned.Add(nodes);

    public GraphNode Node(string name) =>
        _nodes.TryGetValue(name, out var node) ? node : throw new InvalidOperationException($"No node named '{name}'.");

    public void AddStore(IStoreBuilder store, params string[] connectedNodes)
    {
        if (_globalStores.ContainsKey(store.Name) || !_stores.TryAdd(store.Name, store))
        {
            throw new InvalidOperationException($"A store named '{store.Name}' already exists in the topology.");
        }

        ConnectStore(store.Name, connectedNodes);
    }

    public void ConnectStore(IEnumerable<string> storeNames, string nodeName)
    {
        foreach (var store in storeNames)
        {
            ConnectStore(store, nodeName);
        }
    }

    public void ConnectStore(string storeName, params string[] nodeNames)
    {
        if (!_stores.ContainsKey(storeName) && !_globalStores.ContainsKey(storeName))
        {
            throw new InvalidOperationException($"No store named '{storeName}'.");
        }

        foreach (var name in nodeNames)
        {
            var node = Node(name);
            if (!node.StoreNames.Contains(storeName))
            {
                node.StoreNames.Add(storeName);
            }
        }
    }

    public IReadOnlyList<Subtopology> Build()
    {
        var parent = _order.ToDictionary(n => n.Name, n => n.Name, StringComparer.Ordinal);
        string Find(string x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        void Union(string a, string b) => parent[Find(a)] = Find(b);

        foreach (var node in _order)
        {
            foreach (var child in node.Children)
            {
                Union(node.Name, child.Name);
            }
        }

        // Global stores are shared by every task and never tie sub-topologies together.
        foreach (var byStore in _order.SelectMany(n => n.StoreNames.Where(_stores.ContainsKey).Select(s => (Store: s, Node: n.Name))).GroupBy(x => x.Store))
        {
            var first = byStore.First().Node;
            foreach (var other in byStore.Skip(1))
            {
                Union(first, other.Node);
            }
        }

        // Sub-topologies are numbered in the order of their first node, as Kafka Streams does.
        var groups = _order.GroupBy(n => Find(n.Name)).ToList();
        var result = new List<Subtopology>();
        foreach (var group in groups)
        {
            var nodes = group.ToList();
            var sources = nodes.OfType<ISourceGraphNode>().SelectMany(s => s.Topics).ToList();
            if (sources.Count == 0)
            {
                throw new InvalidOperationException($"Nodes [{string.Join(", ", nodes.Select(n => n.Name))}] are not connected to any source.");
            }

            var sinks = nodes.OfType<ISinkGraphNode>().Select(s => s.Topic).Distinct().ToList();
            var stores = nodes.SelectMany(n => n.StoreNames).Where(_stores.ContainsKey).Distinct().Select(s => _stores[s]).ToList();
            result.Add(new Subtopology(result.Count, nodes, sources, sinks, stores));
        }

        return result;
    }

    /// <summary>The whole topology: sub-topologies, repartition topics, global stores and co-partition groups.</summary>
    public Topology BuildTopology()
    {
        var subtopologies = Build();
        var globals = new List<GlobalStoreTopology>(_globalNodes.Count);
        foreach (var (source, processor, store) in _globalNodes)
        {
            // Numbered after the stream sub-topologies so task ids stay dense.
            globals.Add(new GlobalStoreTopology(subtopologies.Count + globals.Count, source, processor, ((ISourceGraphNode)source).Topics[0], store));
        }

        return new Topology(subtopologies, RepartitionTopics.ToHashSet(StringComparer.Ordinal), globals, CopartitionGroups());
    }

    /// <summary>The source topics behind each recorded co-partition requirement, overlapping groups merged.</summary>
    private List<IReadOnlySet<string>> CopartitionGroups()
    {
        var groups = new List<SortedSet<string>>();
        foreach (var nodes in _copartitioned)
        {
            var topics = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var node in nodes)
            {
                CollectSourceTopics(node, topics, []);
            }

            for (var i = groups.Count - 1; i >= 0; i--)
            {
                if (groups[i].Overlaps(topics))
                {
                    topics.UnionWith(groups[i]);
                    groups.RemoveAt(i);
                }
            }

            groups.Add(topics);
        }

        return [.. groups.Where(g => g.Count > 1)];
    }

    private static void CollectSourceTopics(GraphNode node, SortedSet<string> topics, HashSet<GraphNode> seen)
    {
        if (!seen.Add(node))
        {
            return;
        }

        if (node is ISourceGraphNode source)
        {
            topics.UnionWith(source.Topics);
        }

        foreach (var parent in node.Parents)
        {
            CollectSourceTopics(parent, topics, seen);
        }
    }

    private void RegisterSourceTopics(GraphNode node)
    {
        if (node is not ISourceGraphNode source)
        {
            return;
        }

        foreach (var topic in source.Topics)
        {
            if (!_topicToSource.TryAdd(topic, node.Name))
            {
                throw new InvalidOperationException($"Topic '{topic}' is already read by source '{_topicToSource[topic]}'; a topic can have one source.");
            }
        }
    }
}
