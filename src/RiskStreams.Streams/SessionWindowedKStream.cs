using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;
using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.Internal.Windowing;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

/// <summary>
/// A grouped stream windowed into <see cref="SessionWindows"/>, ready for aggregation into a table keyed by
/// <see cref="Windowed{TKey}"/> (session start and end, both included) and backed by a session store.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class SessionWindowedKStream<TKey, TValue>
{
    private readonly KGroupedStream<TKey, TValue> _grouped;
    private readonly SessionWindows _windows;
    private readonly EmitStrategy _emitStrategy;

    internal SessionWindowedKStream(KGroupedStream<TKey, TValue> grouped, SessionWindows windows, EmitStrategy emitStrategy)
    {
        _grouped = grouped;
        _windows = windows;
        _emitStrategy = emitStrategy;
    }

    /// <summary>The same windowed stream with another emit strategy (every update by default, or once per session when it closes).</summary>
    public SessionWindowedKStream<TKey, TValue> EmitStrategy(EmitStrategy emitStrategy)
    {
        ArgumentNullException.ThrowIfNull(emitStrategy);
        return new(_grouped, _windows, emitStrategy);
    }

    /// <summary>Counts the records of each session (null keys and values are skipped and counted as dropped).</summary>
    public KTable<Windowed<TKey>, long> Count(Materialized<TKey, long>? materialized = null) =>
        Build("KSTREAM-COUNT", materialized, Serdes.Long,
            static (_, _, had, count) => had ? count + 1 : 1,
            static (_, had, count, session) => had ? count + session : session);

    /// <summary>Combines the values of each session with <paramref name="reducer"/>; merging sessions reduces their results too.</summary>
    public KTable<Windowed<TKey>, TValue> Reduce(Func<TValue, TValue, TValue> reducer, Materialized<TKey, TValue>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(reducer);
        return Build("KSTREAM-REDUCE", materialized, _grouped.ValueSerde,
            (_, value, had, current) => had ? reducer(current, value) : value,
            (_, had, current, session) => had ? reducer(current, session) : session);
    }

    /// <summary>
    /// Folds the values of each session into an aggregate starting from <paramref name="initializer"/>; when a record
    /// bridges sessions, <paramref name="merger"/> combines their aggregates.
    /// </summary>
    public KTable<Windowed<TKey>, TAggregate> Aggregate<TAggregate>(
        Func<TAggregate> initializer, Func<TKey, TValue, TAggregate, TAggregate> aggregator, Func<TKey, TAggregate, TAggregate, TAggregate> merger,
        Materialized<TKey, TAggregate>? materialized = null)
    {
        ArgumentNullException.ThrowIfNull(initializer);
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(merger);
        return Build("KSTREAM-AGGREGATE", materialized, null,
            (key, value, had, current) => aggregator(key, value, had ? current : initializer()),
            (key, had, current, session) => merger(key, had ? current : initializer(), session));
    }

    private KTable<Windowed<TKey>, TAggregate> Build<TAggregate>(
        string prefix, Materialized<TKey, TAggregate>? materialized, Serde<TAggregate>? valueSerde,
        Func<TKey, TValue, bool, TAggregate, TAggregate> fold, Func<TKey, bool, TAggregate, TAggregate, TAggregate> merge)
    {
        var b = _grouped.Builder.Internal;
        var m = materialized ?? new Materialized<TKey, TAggregate>();
        var storeName = m.SessionStoreSupplier?.Name ?? m.StoreName ?? b.NewName($"{prefix}-STATE-STORE");
        if (m.KeyValueStoreSupplier is not null || m.WindowStoreSupplier is not null)
        {
            throw new ArgumentException($"Session store '{storeName}' needs a session store supplier; Materialized names a key-value or window store supplier.", nameof(materialized));
        }

        // Kafka Streams: a session must be kept until it closes, i.e. for the inactivity gap plus the grace period.
        var minRetention = WindowTime.SaturatedAdd(_windows.InactivityGapMs, _windows.GracePeriodMs);
        var supplier = m.SessionStoreSupplier;
        var retention = supplier?.RetentionPeriodMs ?? (m.Retention is { } r ? WindowTime.Milliseconds(r, nameof(materialized)) : minRetention);
        WindowStoreFactory.CheckRetention(storeName, retention, minRetention, "its inactivity gap plus the grace period");
        supplier ??= m.StoreType == StoreType.RocksDb
            ? new RocksDbSessionBytesStoreSupplier(storeName, retention)
            : new InMemorySessionBytesStoreSupplier(storeName, retention);
        var keySerde = m.KeySerde ?? _grouped.KeySerde ?? throw StoreFactory.MissingSerde(storeName, "key");
        var aggregateSerde = m.ValueSerde ?? valueSerde ?? throw StoreFactory.MissingSerde(storeName, "value");
        var store = new SessionStoreBuilder<TKey, TAggregate>(supplier, keySerde, aggregateSerde, m.LoggingEnabled);

        var windows = _windows;
        var emit = _emitStrategy.Type;
        var node = b.AddNode(
            new ProcessorGraphNode<TKey, TValue, Windowed<TKey>, Change<TAggregate>>(b.NewName(prefix),
                () => new KStreamSessionWindowAggregateProcessor<TKey, TValue, TAggregate>(storeName, windows, emit, fold, merge)),
            _grouped.Node);
        b.AddStore(store, node.Name);
        return new KTable<Windowed<TKey>, TAggregate>(_grouped.Builder, node, WindowedSerdes.SessionWindowed(keySerde), aggregateSerde, storeName);
    }
}
