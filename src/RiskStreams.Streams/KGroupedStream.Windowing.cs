namespace RiskStreams.Streams;

public sealed partial class KGroupedStream<TKey, TValue>
{
    /// <summary>Windows the grouped stream by tumbling or hopping <paramref name="windows"/> for a windowed aggregation.</summary>
    public TimeWindowedKStream<TKey, TValue> WindowedBy(TimeWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new TimeWindowedKStream<TKey, TValue>(this, windows, null, EmitStrategy.OnWindowUpdate());
    }

    /// <summary>Windows the grouped stream by sliding <paramref name="windows"/> for a windowed aggregation.</summary>
    public TimeWindowedKStream<TKey, TValue> WindowedBy(SlidingWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new TimeWindowedKStream<TKey, TValue>(this, null, windows, EmitStrategy.OnWindowUpdate());
    }

    /// <summary>Windows the grouped stream into sessions separated by inactivity gaps for a session-windowed aggregation.</summary>
    public SessionWindowedKStream<TKey, TValue> WindowedBy(SessionWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return new SessionWindowedKStream<TKey, TValue>(this, windows, EmitStrategy.OnWindowUpdate());
    }
}
