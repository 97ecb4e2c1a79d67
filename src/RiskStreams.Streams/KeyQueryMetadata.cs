namespace RiskStreams.Streams;

/// <summary>Where the store entry of a key lives now, from <see cref="KafkaStreams.QueryMetadataForKey{TKey}"/>.</summary>
/// <param name="Status">Hosted here, by another instance, or by no instance known now.</param>
/// <param name="Partition">The key's partition (null before the instance has read its topics' metadata).</param>
/// <param name="Host">The owner's <see cref="StreamsOptions.ApplicationServer"/> (<c>host:port</c>): this instance's when local, null when unknown.</param>
/// <param name="Restoring">Local only: the task is still restoring its stores, so reads would see old state.</param>
public sealed record KeyQueryMetadata(KeyQueryStatus Status, int? Partition, string? Host, bool Restoring);

/// <summary>Where a key is hosted, from this instance's point of view.</summary>
public enum KeyQueryStatus
{
    /// <summary>No instance is known to host the key's task now (rebalancing, starting, or the owner's claim went stale).</summary>
    Unknown,

    /// <summary>This instance hosts the task: query its stores.</summary>
    Local,

    /// <summary>Another instance hosts the task: ask it at <see cref="KeyQueryMetadata.Host"/>.</summary>
    Remote,
}
