namespace RiskStreams.Streams.State;

/// <summary>Read access to a key-value store, also what interactive queries get.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IReadOnlyKeyValueStore<TKey, TValue>
{
    /// <summary>The value of <paramref name="key"/>, if present.</summary>
    bool TryGet(TKey key, out TValue value);

    /// <summary>Entries whose serialized keys lie in [<paramref name="from"/>, <paramref name="to"/>], in serialized-key order.</summary>
    IEnumerable<KeyValuePair<TKey, TValue>> Range(TKey from, TKey to);

    /// <summary>All entries in serialized-key order.</summary>
    IEnumerable<KeyValuePair<TKey, TValue>> All();

    /// <summary>Number of entries (exact for in-memory stores, estimated for persistent ones).</summary>
    long ApproximateCount { get; }
}
