namespace RiskStreams.Streams.State;

/// <summary>Read access to a window store, also what interactive queries get.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public interface IReadOnlyWindowStore<TKey, TValue>
{
    /// <summary>The value of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>, if present.</summary>
    bool TryFetch(TKey key, long windowStart, out TValue value);

    /// <summary>The value of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>, or the default value.</summary>
    TValue? Fetch(TKey key, long windowStart);

    /// <summary>The windows of <paramref name="key"/> starting in [<paramref name="timeFrom"/>, <paramref name="timeTo"/>] as (window start, value), by ascending start.</summary>
    IEnumerable<KeyValuePair<long, TValue>> Fetch(TKey key, long timeFrom, long timeTo);

    /// <summary>The windows of <paramref name="key"/> starting in [<paramref name="timeFrom"/>, <paramref name="timeTo"/>] as (window start, value), by descending start.</summary>
    IEnumerable<KeyValuePair<long, TValue>> BackwardFetch(TKey key, long timeFrom, long timeTo);

    /// <summary>Every key's windows starting in [<paramref name="timeFrom"/>, <paramref name="timeTo"/>], by start, then serialized key.</summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> FetchAll(long timeFrom, long timeTo);

    /// <summary>Every unexpired window, by start, then serialized key.</summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> All();
}
