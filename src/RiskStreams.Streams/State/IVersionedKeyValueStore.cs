namespace RiskStreams.Streams.State;

/// <summary>
/// A typed key-value store that keeps every version of a value with the time it became valid (Kafka Streams'
/// <c>VersionedKeyValueStore</c>, KIP-889). Reads may ask for the value as of a point in time. Versions older than
/// the store's observed stream time minus <see cref="HistoryRetention"/> may be dropped, except the one valid at that
/// point, and writes older than that are ignored.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IVersionedKeyValueStore<TKey, TValue> : IStateStore
{
    /// <summary>How far back in stream time versions stay readable.</summary>
    TimeSpan HistoryRetention { get; }

    /// <summary>
    /// Adds the version of <paramref name="key"/> valid from <paramref name="timestamp"/>; a null value is a tombstone
    /// (the key has no value from that time). A version with the same timestamp is replaced.
    /// </summary>
    VersionedPutResult Put(TKey key, TValue value, long timestamp);

    /// <summary>The latest version of <paramref name="key"/> by timestamp, or null when there is none or it is a tombstone.</summary>
    VersionedRecord<TValue>? Get(TKey key);

    /// <summary>
    /// The version of <paramref name="key"/> valid at <paramref name="asOfTimestamp"/> (the newest with a timestamp at or
    /// before it), or null when there is none, it is a tombstone, or it lies beyond the history retention (the latest
    /// version is still returned when it qualifies).
    /// </summary>
    VersionedRecord<TValue>? Get(TKey key, long asOfTimestamp);

    /// <summary>Writes a tombstone at <paramref name="timestamp"/> and returns the version that was valid then, or null.</summary>
    VersionedRecord<TValue>? Delete(TKey key, long timestamp);
}
