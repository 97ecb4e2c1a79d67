namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>How a topology maps onto the cluster's topics: per sub-topology sources, and the internal topics to create.</summary>
internal sealed class TopicPlan
{
    private readonly Dictionary<string, SubtopologyPlan> _byTopic = new(StringComparer.Ordinal);

    public TopicPlan(IReadOnlyList<SubtopologyPlan> subtopologies, IReadOnlyList<(string Topic, int Partitions)> internalTopics)
    {
        Subtopologies = subtopologies;
        InternalTopics = internalTopics;
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

    /// <summary>The topics the consumer group subscribes to: one per sub-topology.</summary>
    public IReadOnlyList<string> AnchorTopics { get; }

    /// <summary>The sub-topology reading <paramref name="topic"/> (a real topic name).</summary>
    public SubtopologyPlan? Reading(string topic) => _byTopic.GetValueOrDefault(topic);
}
