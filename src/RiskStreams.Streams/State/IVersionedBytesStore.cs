namespace RiskStreams.Streams.State;

/// <summary>
/// The bottom layer of a versioned key-value store: byte keys, byte values, each version valid from its timestamp
/// until the next version's. Observed stream time is the largest timestamp written.
/// </summary>
public interface IVersionedBytesStore : IStateStore
{
    /// <summary>How far back from the observed stream time versions stay readable and writable, in milliseconds.</summary>
    long HistoryRetentionMs { get; }

    /// <summary>Adds a version (a null value is a tombstone); ignored when older than observed stream time minus the history retention.</summary>
    VersionedPutResult Put(byte[] key, byte[]? value, long timestamp);

    /// <summary>The latest version of <paramref name="key"/>, or null when absent or a tombstone.</summary>
    VersionedRecord<byte[]>? Get(byte[] key);

    /// <summary>The version of <paramref name="key"/> valid at <paramref name="asOfTimestamp"/>, or null.</summary>
    VersionedRecord<byte[]>? Get(byte[] key, long asOfTimestamp);

    /// <summary>Number of keys with at least one stored version.</summary>
    long ApproximateCount { get; }
}
