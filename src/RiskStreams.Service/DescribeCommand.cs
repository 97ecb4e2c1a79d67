using System.CommandLine;
using RiskStreams.Avro;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary><c>riskstreams describe [--mermaid]</c>: prints the risk topology (sub-topologies, nodes, stores, topics).</summary>
internal static class DescribeCommand
{
    public static Command Create()
    {
        var mermaid = new Option<bool>("--mermaid") { Description = "Print a Mermaid flowchart instead of text." };
        var command = new Command("describe", "Print the risk topology: sub-topologies, nodes, stores and topics.") { mermaid };
        command.SetAction(parse =>
        {
            // Describing builds the topology only; the serdes never reach the registry.
            using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = "http://localhost:8081" });
            var description = RiskTopology.Create(new RiskTopologyOptions(), new RiskSerdes(registry)).Describe();
            Console.Out.Write(parse.GetValue(mermaid) ? description.ToMermaid() : description.ToString());
            return 0;
        });
        return command;
    }
}
