using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The real source topics of one sub-topology and their common partition count. A task of the sub-topology reads the
/// same partition of every one of them; the first (the anchor) is the one the consumer group assigns, and the
/// others follow it so a task's partitions always live together.
/// </summary>
internal sealed record SubtopologyPlan(Subtopology Subtopology, IReadOnlyList<string> SourceTopics, int Partitions)
{
    public int Id => Subtopology.Id;

    public string AnchorTopic => SourceTopics[0];
}
