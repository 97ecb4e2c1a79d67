namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>How a topology maps onto the cluster's topics: per sub-topology sources, and the internal topics (repartition, changelog) to create.</summary>
internal sealed class TopicPlan
{
    private readonly Dictionary<string, SubtopologyPlan> _byTopic = new(StringComparer.Ordinal);

    public TopicPlan(IReadOnlyList<SubtopologyPlan> subtopologies, IReadOnlyList<(string Topic, int Partitions)> internalTopics,
        IReadOnlyList<(string Topic, int Partitions)> changelogTopics)
    {
        Subtopologies = subtopologies;
        InternalTopics = internalTopics;
        ChangelogTopics = changelogTopics;
        foreach (var plan in subtopologies)
        {
            foreach (var topic in plan.SourceTopics)
            {
                _byTopic[topic] = plan;
            }
        }

        AnchorTopics = [.. subtopologies.Select(s => s.AnchorTopic)];
    }

    public IReadOnlyList<SubtopologyPlan> Subtopologies { get; }

    /// <summary>Repartition topics with their real names and the partition counts they must have.</summary>
    public IReadOnlyList<(string Topic, int Partitions)> InternalTopics { get; }

    /// <summary>Changelog topics of logged stores (compacted where the cluster can), with the partition counts they must have.</summary>
    public IReadOnlyList<(string Topic, int Partitions)> ChangelogTopics { get; }

    /// <summary>The topics the consumer group subscribes to: one per sub-topology.</summary>
    public IReadOnlyList<string> AnchorTopics { get; }

    /// <summary>The sub-topology reading <paramref name="topic"/> (a real topic name).</summary>
    public SubtopologyPlan? Reading(string topic) => _byTopic.GetValueOrDefault(topic);
}
