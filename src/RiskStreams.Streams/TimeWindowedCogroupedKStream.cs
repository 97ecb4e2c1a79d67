using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams;

/// <summary>A cogroup windowed by <see cref="TimeWindows"/> or <see cref="SlidingWindows"/>: every input folds into the same windows of one window store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TAggregate">Aggregate type.</typeparam>
public sealed class TimeWindowedCogroupedKStream<TKey, TAggregate>
{
    private readonly CogroupedKStream<TKey, TAggregate> _cogrouped;
    private readonly TimeWindows? _timeWindows;
    private readonly SlidingWindows? _slidingWindows;

    internal TimeWindowedCogroupedKStream(CogroupedKStream<TKey, TAggregate> cogrouped, TimeWindows? timeWindows, SlidingWindows? slidingWindows)
    {
        _cogrouped = cogrouped;
        _timeWindows = timeWindows;
        _slidingWindows = slidingWindows;
    }

    /// <summary>
    /// Folds every input into one aggregate per key and window, starting from <paramref name="initializer"/>; every
    /// update is forwarded. Each input's aggregation tracks its own observed stream time for late records, as in Kafka Streams.
    /// </summary>
    public KTable<Windowed<TKey>, TAggregate> Aggregate(Func<TAggregate> initializer, Materialized<TKey, TAggregate>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        var b = _cogrouped.Builder.Internal;
        var m = materialized ?? new Materialized<TKey, TAggregate>();
        var storeName = m.WindowStoreSupplier?.Name ?? m.StoreName ?? b.NewName("COGROUPKSTREAM-AGGREGATE-STATE-STORE");
        var windowSizeMs = _timeWindows?.SizeMs ?? _slidingWindows!.TimeDifferenceMs;
        var store = _timeWindows is { } time
            ? WindowStoreFactory.Timestamped(storeName, m, _cogrouped.KeySerde, null, windowSizeMs, time.SizeMs + time.GracePeriodMs, "its window size plus the grace period")
            : WindowStoreFactory.Timestamped(storeName, m, _cogrouped.KeySerde, null, windowSizeMs,
                (2 * _slidingWindows!.TimeDifferenceMs) + _slidingWindows.GracePeriodMs, "twice the time difference plus the grace period");
        var inputs = _cogrouped.Inputs;
        var nodes = new GraphNode[inputs.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = inputs[i].AddWindowAggregateNode(b, b.NewName("COGROUPKSTREAM-AGGREGATE"), storeName, _timeWindows, _slidingWindows, initializer);
        }

        b.AddStore(store, [.. nodes.Select(n => n.Name)]);
        var merge = _cogrouped.AddMerge<Windowed<TKey>>(nodes);
        return new KTable<Windowed<TKey>, TAggregate>(
            _cogrouped.Builder, merge, WindowedSerdes.TimeWindowed(store.KeySerdeForTable, windowSizeMs), store.ValueSerdeForTable, storeName);
    }
}
