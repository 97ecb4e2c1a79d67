using System.Text;

namespace RiskStreams.Streams;

public sealed partial class TopologyDescription
{
    /// <summary>Global stores in Kafka Streams' layout: a sub-topology that generates no tasks (source, then the processor that fills the store).</summary>
    private void AppendGlobalStores(StringBuilder text)
    {
        foreach (var global in _topology.GlobalStores)
        {
            text.Append("   Sub-topology: ").Append(global.Id).Append(" for global store (will not generate tasks)\n");
            text.Append("    ").Append(Label(global.Source)).Append('\n');
            text.Append("      --> ").Append(global.Processor.Name).Append('\n');
            text.Append("    ").Append(Label(global.Processor)).Append('\n');
            text.Append("      --> none\n");
            text.Append("      <-- ").Append(global.Source.Name).Append('\n');
        }
    }

    private void AppendGlobalStoresMermaid(StringBuilder text, SortedSet<string> topics, SortedSet<string> stores)
    {
        foreach (var global in _topology.GlobalStores)
        {
            text.Append("  subgraph sub").Append(global.Id).Append("[\"Global store ").Append(global.Store.Name).Append("\"]\n");
            text.Append("    ").Append(Id(global.Source.Name)).Append("[\"").Append(global.Source.Name).Append("\"]\n");
            text.Append("    ").Append(Id(global.Processor.Name)).Append("[\"").Append(global.Processor.Name).Append("\"]\n");
            text.Append("  end\n");
            text.Append("  ").Append(Id(global.Source.Name)).Append(" --> ").Append(Id(global.Processor.Name)).Append('\n');
            text.Append("  ").Append(Id("topic-" + global.Topic)).Append(" --> ").Append(Id(global.Source.Name)).Append('\n');
            text.Append("  ").Append(Id(global.Processor.Name)).Append(" -.- ").Append(Id("store-" + global.Store.Name)).Append('\n');
            topics.Add(global.Topic);
            stores.Add(global.Store.Name);
        }
    }
}
