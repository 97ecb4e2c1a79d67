namespace RiskStreams.Service.Commands.Topics;

/// <summary>A topic as the cluster describes it.</summary>
/// <param name="Partitions">Partition count.</param>
/// <param name="ReplicationFactor">Replicas of its first partition.</param>
/// <param name="Configs">Its configs, or null when the cluster cannot describe them (DescribeConfigs unsupported).</param>
internal sealed record ObservedTopic(int Partitions, int ReplicationFactor, IReadOnlyDictionary<string, string>? Configs);
