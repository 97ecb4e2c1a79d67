using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams;

/// <summary>The internal topics of a built topology, planned as the runtime plans them at start.</summary>
public static class TopologyInternalTopics
{
    /// <summary>
    /// Repartition and changelog topics of <paramref name="topology"/> under <paramref name="applicationId"/>, with the
    /// partition counts the runtime derives from the source topics' counts (the same planner the runtime uses, so a
    /// store or repartition step added to the topology shows up here). Global-store topics are sources, not internal.
    /// </summary>
    /// <param name="topology">The built topology.</param>
    /// <param name="applicationId">Prefix of the internal topic names.</param>
    /// <param name="sourcePartitions">Partition count of each user source topic, by name.</param>
    /// <exception cref="InvalidOperationException">A source topic has no count, or co-partitioned sources disagree.</exception>
    public static IReadOnlyList<InternalTopicSpecification> InternalTopics(
        this Topology topology, string applicationId, IReadOnlyDictionary<string, int> sourcePartitions)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentNullException.ThrowIfNull(sourcePartitions);
        var plan = TopicPlanner.Plan(topology, applicationId, sourcePartitions);
        return
        [
            .. plan.InternalTopics.Select(t => new InternalTopicSpecification(t.Topic, t.Partitions, InternalTopicKind.Repartition)),
            .. plan.ChangelogTopics.Select(t => new InternalTopicSpecification(t.Topic, t.Partitions, InternalTopicKind.Changelog)),
        ];
    }
}
