using System.Text;
using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams;

/// <summary>A readable description of a topology, in Kafka Streams' text layout or as a Mermaid flowchart.</summary>
public sealed partial class TopologyDescription
{
    private readonly Topology _topology;

    internal TopologyDescription(Topology topology) => _topology = topology;

    /// <summary>Kafka Streams-style text: sub-topologies, each node with its topics, stores and successors.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("Topologies:\n");
        foreach (var sub in _topology.Subtopologies)
        {
            text.Append("   Sub-topology: ").Append(sub.Id).Append('\n');
            foreach (var node in sub.Nodes)
            {
                text.Append("    ").Append(Label(node)).Append('\n');
                text.Append("      --> ").Append(node.Children.Count == 0 ? "none" : string.Join(", ", node.Children.Select(c => c.Name))).Append('\n');
                text.Append("      <-- ").Append(node.Parents.Count == 0 ? "none" : string.Join(", ", node.Parents.Select(c => c.Name))).Append('\n');
            }
        }

        AppendGlobalStores(text);
        return text.ToString();
    }

    /// <summary>A Mermaid flowchart: one subgraph per sub-topology, topics as stadium nodes, stores as cylinders.</summary>
    public string ToMermaid()
    {
        var text = new StringBuilder("flowchart TD\n");
        var topics = new SortedSet<string>(StringComparer.Ordinal);
        var stores = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var sub in _topology.Subtopologies)
        {
            text.Append("  subgraph sub").Append(sub.Id).Append("[\"Sub-topology ").Append(sub.Id).Append("\"]\n");
            foreach (var node in sub.Nodes)
            {
                text.Append("    ").Append(Id(node.Name)).Append("[\"").Append(node.Name).Append("\"]\n");
            }

            text.Append("  end\n");
            foreach (var node in sub.Nodes)
            {
                foreach (var child in node.Children)
                {
                    text.Append("  ").Append(Id(node.Name)).Append(" --> ").Append(Id(child.Name)).Append('\n');
                }

                if (node is ISourceGraphNode source)
                {
                    foreach (var topic in source.Topics)
                    {
                        topics.Add(topic);
                        text.Append("  ").Append(Id("topic-" + topic)).Append(" --> ").Append(Id(node.Name)).Append('\n');
                    }
                }

                if (node is ISinkGraphNode sink)
                {
                    topics.Add(sink.Topic);
                    text.Append("  ").Append(Id(node.Name)).Append(" --> ").Append(Id("topic-" + sink.Topic)).Append('\n');
                }

                foreach (var store in node.StoreNames)
                {
                    stores.Add(store);
                    text.Append("  ").Append(Id(node.Name)).Append(" -.- ").Append(Id("store-" + store)).Append('\n');
                }
            }
        }

        AppendGlobalStoresMermaid(text, topics, stores);
        foreach (var topic in topics)
        {
            text.Append("  ").Append(Id("topic-" + topic)).Append("([\"").Append(topic).Append("\"])\n");
        }

        foreach (var store in stores)
        {
            text.Append("  ").Append(Id("store-" + store)).Append("[(\"").Append(store).Append("\")]\n");
        }

        return text.ToString();
    }

    private static string Label(GraphNode node) => node switch
    {
        ISourceGraphNode s => $"Source: {node.Name} (topics: [{string.Join(", ", s.Topics)}])",
        ISinkGraphNode s => $"Sink: {node.Name} (topic: {s.Topic})",
        _ => $"Processor: {node.Name} (stores: [{string.Join(", ", node.StoreNames)}])",
    };

    private static string Id(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
}
