namespace RiskStreams.Streams.State;

/// <summary>
/// The bottom layer of a window store: byte keys, byte values, each entry in the window starting at a
/// given time. Windows whose start is at or before the store's observed stream time (the largest window
/// start written) minus the retention period are expired: they are dropped, not returned, and writes to
/// them are ignored. Reads return snapshots, so callers may write while iterating.
/// </summary>
public interface IWindowBytesStore : IStateStore
{
    /// <summary>How long windows are kept, in milliseconds, measured from the largest window start written.</summary>
    long RetentionPeriodMs { get; }

    /// <summary>Size of the windows, in milliseconds (the end of a returned window is its start plus this).</summary>
    long WindowSizeMs { get; }

    /// <summary>Whether every put is kept as its own entry instead of replacing the key's value in that window.</summary>
    bool RetainDuplicates { get; }

    /// <summary>Sets <paramref name="key"/> in the window starting at <paramref name="windowStart"/>; a null value deletes it.</summary>
    void Put(byte[] key, byte[]? value, long windowStart);

    /// <summary>The value of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>, or null.</summary>
    byte[]? Fetch(byte[] key, long windowStart);

    /// <summary>The windows of <paramref name="key"/> starting in [<paramref name="timeFrom"/>, <paramref name="timeTo"/>], by ascending start.</summary>
    IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo);

    /// <summary>The windows of <paramref name="key"/> starting in [<paramref name="timeFrom"/>, <paramref name="timeTo"/>], by descending start.</summary>
    IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo);

    /// <summary>Every key's windows starting in [<paramref name="timeFrom"/>, <paramref name="timeTo"/>], by start, then key bytes.</summary>
    IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo);

    /// <summary>Every unexpired entry, by window start, then key bytes.</summary>
    IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> All();
}
