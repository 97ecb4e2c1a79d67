namespace RiskStreams.Streams;

/// <summary>An internal topic a topology needs, with its real name and the partition count the runtime requires of it.</summary>
/// <param name="Name">Real topic name (<c>{applicationId}-...-repartition</c> or <c>{applicationId}-{store}-changelog</c>).</param>
/// <param name="Partitions">Partition count the runtime checks at start.</param>
/// <param name="Kind">Repartition or changelog.</param>
public sealed record InternalTopicSpecification(string Name, int Partitions, InternalTopicKind Kind);
