using RiskStreams.Streams.Internal.Runtime;
using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// What time and sliding window aggregations share: the store, the processor's observed stream time
/// (largest timestamp it has seen), late-record counting, and the emit strategy — every update
/// forwarded at once, or each window forwarded once when stream time passes its end plus grace.
/// </summary>
/// <remarks>
/// <c>fold(key, value, hadAggregate, aggregate)</c> serves count, reduce and aggregate alike. Unlike
/// Kafka Streams, emitting on close is not throttled by wall-clock time, so results are deterministic.
/// </remarks>
internal abstract class WindowAggregateProcessorBase<TKey, TValue, TAggregate>(
    string storeName, long gracePeriodMs, EmitStrategyType emitStrategy, Func<TKey, TValue, bool, TAggregate, TAggregate> fold)
    : IProcessor<TKey, TValue, Windowed<TKey>, Change<TAggregate>>
{
    private long _lastEmitCloseTime = long.MinValue;

    protected IProcessorContext<Windowed<TKey>, Change<TAggregate>> Context { get; private set; } = null!;

    protected ITimestampedWindowStore<TKey, TAggregate> Store { get; private set; } = null!;

    protected Func<TKey, TValue, bool, TAggregate, TAggregate> Fold { get; } = fold;

    /// <summary>The largest record timestamp this processor has seen (<see cref="long.MinValue"/> before the first).</summary>
    protected long ObservedStreamTime { get; private set; } = long.MinValue;

    public void Init(IProcessorContext<Windowed<TKey>, Change<TAggregate>> context)
    {
        Context = context;
        Store = context.GetStateStore<ITimestampedWindowStore<TKey, TAggregate>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        // Kafka Streams skips null keys and values in aggregations, and counts them as dropped.
        if (record.Key is null)
        {
            Context.RecordDropped("null-key");
            return;
        }

        if (record.Value is null)
        {
            Context.RecordDropped("null-value");
            return;
        }

        ObservedStreamTime = Math.Max(ObservedStreamTime, record.Timestamp);
        var closeTime = ObservedStreamTime - gracePeriodMs;

        // Closed windows cannot change (late records are dropped), so emitting them before this
        // record's update gives the same output as after it, while the store surely still holds them.
        if (emitStrategy == EmitStrategyType.OnWindowClose)
        {
            MaybeEmitClosed(record, closeTime);
        }

        Aggregate(record, closeTime);
    }

    /// <summary>Folds <paramref name="record"/> into its windows; windows ending before <paramref name="closeTime"/> are closed.</summary>
    protected abstract void Aggregate(Record<TKey, TValue> record, long closeTime);

    /// <summary>Smallest window start not yet emitted, given the last close time emitted (or none).</summary>
    protected abstract long EmitRangeLowerBound(long lastEmitCloseTime, bool first);

    /// <summary>Largest window start that is closed at <paramref name="closeTime"/>.</summary>
    protected abstract long EmitRangeUpperBound(long closeTime);

    /// <summary>False when no window can start in the range, so the store scan can be skipped.</summary>
    protected virtual bool MayHaveWindows(long lowerBound, long upperBound) => lowerBound <= upperBound;

    /// <summary>Stores the new aggregate of a window and forwards it when emitting on update.</summary>
    protected void PutAndForward(Record<TKey, TValue> record, byte[] key, Window window, TAggregate aggregate, bool hadOld, TAggregate old, long timestamp)
    {
        Store.Put(key, new ValueAndTimestamp<TAggregate>(aggregate, timestamp), window.StartMs);
        if (emitStrategy == EmitStrategyType.OnWindowUpdate)
        {
            Context.Forward(new Record<Windowed<TKey>, Change<TAggregate>>(
                new Windowed<TKey>(record.Key, window), new Change<TAggregate>(aggregate, hadOld ? old : default!), timestamp) { Headers = record.Headers });
        }
    }

    /// <summary>Counts one record dropped for a window that closed before it arrived.</summary>
    protected void RecordLate() => Context.RecordDropped("late");

    private void MaybeEmitClosed(Record<TKey, TValue> record, long closeTime)
    {
        var first = _lastEmitCloseTime == long.MinValue;
        if (!first && _lastEmitCloseTime >= closeTime)
        {
            return;
        }

        var upper = EmitRangeUpperBound(closeTime);
        if (upper < 0)
        {
            return;
        }

        var lower = EmitRangeLowerBound(_lastEmitCloseTime, first);
        if (!MayHaveWindows(lower, upper))
        {
            return;
        }

        foreach (var (windowed, stored) in Store.FetchAllTimestamped(lower, upper))
        {
            Context.Forward(new Record<Windowed<TKey>, Change<TAggregate>>(windowed, new Change<TAggregate>(stored.Value, default!), stored.Timestamp) { Headers = record.Headers });
        }

        _lastEmitCloseTime = closeTime;
    }
}
