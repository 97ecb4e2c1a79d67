using RiskStreams.Avro;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service.Commands.Topics;

/// <summary>
/// Every topic the product uses: the built topology's sources (inputs, the global sync-status), the output, the dead
/// letters, the reviews input, and the internal repartition and changelog topics the engine plans from the topology —
/// so a store added to the topology is provisioned without touching this list.
/// </summary>
internal static class TopicCatalog
{
    private const string CleanupPolicy = "cleanup.policy";

    public static IReadOnlyList<TopicRequirement> For(ServiceSettings settings, TopicProvisioningSettings layout)
    {
        var options = settings.Topics.Apply(new RiskTopologyOptions());

        // Building the topology never reaches the registry: the serdes only keep the client.
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = "http://localhost:8081" });
        var topology = RiskTopology.Create(options, new RiskSerdes(registry));
        var rf = layout.ReplicationFactor;
        var delete = Configs((CleanupPolicy, "delete"));
        var compact = Configs((CleanupPolicy, "compact"));
        var required = new List<TopicRequirement>();
        var names = new HashSet<string>(StringComparer.Ordinal);

        void Add(string name, string role, int partitions, IReadOnlyDictionary<string, string> configs)
        {
            if (names.Add(name))
            {
                required.Add(new TopicRequirement(name, role, partitions, rf, configs));
            }
        }

        var sources = topology.SourceTopics.Where(t => !topology.RepartitionTopics.Contains(t)).ToList();
        foreach (var topic in sources)
        {
            Add(topic, "input", layout.Partitions, delete);
        }

        Add(layout.Reviews, "input", layout.Partitions, delete);

        // A global table restores from its source topic: compacted, it keeps the latest status of every source system.
        foreach (var topic in topology.GlobalTopics)
        {
            Add(topic, "global input", layout.Partitions, compact);
        }

        Add(options.LevelChangesTopic, "output", layout.Partitions, delete);
        Add(options.DeadLetterTopic, "dead letters", layout.Partitions, Configs((CleanupPolicy, "delete"), ("retention.ms", layout.DeadLetterRetentionMs.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var counts = sources.ToDictionary(t => t, _ => layout.Partitions, StringComparer.Ordinal);
        foreach (var topic in topology.InternalTopics(settings.Kafka.ApplicationId, counts))
        {
            Add(topic.Name, topic.Kind == InternalTopicKind.Changelog ? "changelog" : "repartition", topic.Partitions,
                topic.Kind == InternalTopicKind.Changelog ? compact : delete);
        }

        return required;
    }

    private static Dictionary<string, string> Configs(params (string Key, string Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
