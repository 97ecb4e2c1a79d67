using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// The view windowed aggregations use of their store: values with the window's largest record
/// timestamp, keys serialized once per record.
/// </summary>
internal interface ITimestampedWindowStore<TKey, TValue> : IStateStore
{
    /// <summary>Size of the store's windows, in milliseconds.</summary>
    long WindowSizeMs { get; }

    byte[] SerializeKey(TKey key);

    bool TryFetch(byte[] key, long windowStart, out ValueAndTimestamp<TValue> value);

    void Put(byte[] key, ValueAndTimestamp<TValue> value, long windowStart);

    /// <summary>The key's windows starting in [from, to], by ascending start (or descending when <paramref name="backward"/>).</summary>
    List<KeyValuePair<long, ValueAndTimestamp<TValue>>> FetchTimestamped(byte[] key, long timeFrom, long timeTo, bool backward);

    /// <summary>Every key's windows starting in [from, to], by start, then serialized key.</summary>
    List<KeyValuePair<Windowed<TKey>, ValueAndTimestamp<TValue>>> FetchAllTimestamped(long timeFrom, long timeTo);
}
