using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Graph;

/// <summary>
/// Collects nodes, edges, stores and internal topics; <see cref="Build"/> splits them into
/// sub-topologies (nodes joined by edges or by a shared store) and checks the wiring.
/// </summary>
internal sealed class InternalTopologyBuilder
{
    private readonly Dictionary<string, GraphNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<GraphNode> _order = [];
    private readonly Dictionary<string, IStoreBuilder> _stores = new(StringComparer.Ordinal);
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

        if (node is ISourceGraphNode source)
        {
            foreach (var topic in source.Topics)
            {
                if (!_topicToSource.TryAdd(topic, node.Name))
                {
                    throw new InvalidOperationException($"Topic '{topic}' is already read by source '{_topicToSource[topic]}'; a topic can have one source.");
                }
            }
        }

        return node;
    }

    public GraphNode Node(string name) =>
        _nodes.TryGetValue(name, out var node) ? node : throw new InvalidOperationException($"No node named '{name}'.");

    public void AddStore(IStoreBuilder store, params string[] connectedNodes)
    {
        if (!_stores.TryAdd(store.Name, store))
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
        if (!_stores.ContainsKey(storeName))
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

        foreach (var byStore in _order.SelectMany(n => n.StoreNames.Select(s => (Store: s, Node: n.Name))).GroupBy(x => x.Store))
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
            var stores = nodes.SelectMany(n => n.StoreNames).Distinct().Select(s => _stores[s]).ToList();
            result.Add(new Subtopology(result.Count, nodes, sources, sinks, stores));
        }

        return result;
    }
}
