using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

/// <summary>
/// A grouped stream windowed by <see cref="TimeWindows"/> (tumbling, hopping) or <see cref="SlidingWindows"/>,
/// ready for aggregation into a table keyed by <see cref="Windowed{TKey}"/> and backed by a window store.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class TimeWindowedKStream<TKey, TValue>
{
    private readonly KGroupedStream<TKey, TValue> _grouped;
    private readonly TimeWindows? _timeWindows;
    private readonly SlidingWindows? _slidingWindows;
    private readonly EmitStrategy _emitStrategy;

    internal TimeWindowedKStream(KGroupedStream<TKey, TValue> grouped, TimeWindows? timeWindows, SlidingWindows? slidingWindows, EmitStrategy emitStrategy)
    {
        _grouped = grouped;
        _timeWindows = timeWindows;
        _slidingWindows = slidingWindows;
        _emitStrategy = emitStrategy;
    }

    /// <summary>
    /// The same windowed stream with another emit strategy: <see cref="EmitStrategy.OnWindowUpdate"/> (default)
    /// forwards every update; <see cref="EmitStrategy.OnWindowClose"/> forwards each window once, when it closes.
    /// </summary>
    public TimeWindowedKStream<TKey, TValue> EmitStrategy(EmitStrategy emitStrategy)
    {
        ArgumentNullException.ThrowIfNull(emitStrategy);
        return new(_grouped, _timeWindows, _slidingWindows, emitStrategy);
    }

    /// <summary>Counts the records of each key per window (null keys and values are skipped and counted as dropped).</summary>
    public KTable<Windowed<TKey>, long> Count(Materialized<TKey, long>? materialized = null) =>
        Build("KSTREAM-COUNT", materialized, Serdes.Long, static (_, _, had, count) => had ? count + 1 : 1);

    /// <summary>Combines the values of each key per window with <paramref name="reducer"/> (a window's first value kept as is).</summary>
    public KTable<Windowed<TKey>, TValue> Reduce(Func<TValue, TValue, TValue> reducer, Materialized<TKey, TValue>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        return Build("KSTREAM-REDUCE", materialized, _grouped.ValueSerde, (_, value, had, current) => had ? reducer(current, value) : value);
    }

    /// <summary>Folds the values of each key per window into an aggregate starting from <paramref name="initializer"/>.</summary>
    public KTable<Windowed<TKey>, TAggregate> Aggregate<TAggregate>(
        Func<TAggregate> initializer, Func<TKey, TValue, TAggregate, TAggregate> aggregator, Materialized<TKey, TAggregate>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(aggregator);
        return Build("KSTREAM-AGGREGATE", materialized, null, (key, value, had, current) => aggregator(key, value, had ? current : initializer()));
    }

    private KTable<Windowed<TKey>, TAggregate> Build<TAggregate>(
        string prefix, Materialized<TKey, TAggregate>? materialized, Serde<TAggregate>? valueSerde, Func<TKey, TValue, bool, TAggregate, TAggregate> fold)
    {
        var b = _grouped.Builder.Internal;
        var m = materialized ?? new Materialized<TKey, TAggregate>();
        var storeName = m.WindowStoreSupplier?.Name ?? m.StoreName ?? b.NewName($"{prefix}-STATE-STORE");
        var emit = _emitStrategy.Type;
        long windowSizeMs;
        Func<IProcessor<TKey, TValue, Windowed<TKey>, Change<TAggregate>>> processor;
        WindowStoreBuilder<TKey, TAggregate> store;
        if (_timeWindows is { } time)
        {
            // Kafka Streams: a window must be kept until it closes, i.e. for its size plus the grace period.
            windowSizeMs = time.SizeMs;
            store = WindowStoreFactory.Timestamped(storeName, m, _grouped.KeySerde, valueSerde, windowSizeMs,
                time.SizeMs + time.GracePeriodMs, "its window size plus the grace period");
            processor = () => new KStreamWindowAggregateProcessor<TKey, TValue, TAggregate>(storeName, time, emit, fold);
        }
        else
        {
            // Kafka Streams: a sliding aggregation reads windows back to t - 2d, so it keeps 2d plus the grace period.
            var sliding = _slidingWindows!;
            windowSizeMs = sliding.TimeDifferenceMs;
            store = WindowStoreFactory.Timestamped(storeName, m, _grouped.KeySerde, valueSerde, windowSizeMs,
                (2 * sliding.TimeDifferenceMs) + sliding.GracePeriodMs, "twice the time difference plus the grace period");
            processor = () => new KStreamSlidingWindowAggregateProcessor<TKey, TValue, TAggregate>(storeName, sliding, emit, fold);
        }

        var node = b.AddNode(new ProcessorGraphNode<TKey, TValue, Windowed<TKey>, Change<TAggregate>>(b.NewName(prefix), processor), _grouped.Node);
        b.AddStore(store, node.Name);
        return new KTable<Windowed<TKey>, TAggregate>(
            _grouped.Builder, node, WindowedSerdes.TimeWindowed(store.KeySerdeForTable, windowSizeMs), store.ValueSerdeForTable, storeName);
    }
}
