namespace RiskStreams.Streams.State;

/// <summary>A typed window store: values per key and window start, expired after the retention period.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IWindowStore<TKey, TValue> : IStateStore, IReadOnlyWindowStore<TKey, TValue>
{
    /// <summary>Sets the value of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>; a null value deletes it.</summary>
    void Put(TKey key, TValue value, long windowStart);
}
