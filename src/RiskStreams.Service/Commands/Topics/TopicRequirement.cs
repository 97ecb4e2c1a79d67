namespace RiskStreams.Service.Commands.Topics;

/// <summary>A topic the product uses, as it must be in the cluster.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Role">What it is for (input, output, dead letters, changelog, ...), printed beside it.</param>
/// <param name="Partitions">Required partition count.</param>
/// <param name="ReplicationFactor">Required replication factor; -1 leaves it to the broker and is not checked.</param>
/// <param name="Configs">Topic configs that must have these values (others are left to the broker).</param>
internal sealed record TopicRequirement(string Name, string Role, int Partitions, short ReplicationFactor, IReadOnlyDictionary<string, string> Configs);
