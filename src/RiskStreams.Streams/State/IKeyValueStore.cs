namespace RiskStreams.Streams.State;

/// <summary>A typed key-value store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IKeyValueStore<TKey, TValue> : IStateStore, IReadOnlyKeyValueStore<TKey, TValue>
{
    /// <summary>Sets the value of <paramref name="key"/>.</summary>
    void Put(TKey key, TValue value);

    /// <summary>Removes <paramref name="key"/>; returns whether it was present.</summary>
    bool Delete(TKey key);
}
