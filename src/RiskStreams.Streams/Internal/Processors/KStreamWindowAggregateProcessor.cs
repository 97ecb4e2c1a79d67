namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// Aggregates into tumbling or hopping time windows: each record updates every window containing it
/// (by ascending start) whose end is still after the close time; each closed window counts the record
/// as dropped ("late"), as Kafka Streams' KStreamWindowAggregate does. A window's timestamp is the
/// largest timestamp of its records.
/// </summary>
internal sealed class KStreamWindowAggregateProcessor<TKey, TValue, TAggregate>(
    string storeName, TimeWindows windows, EmitStrategyType emitStrategy, Func<TKey, TValue, bool, TAggregate, TAggregate> fold)
    : WindowAggregateProcessorBase<TKey, TValue, TAggregate>(storeName, windows.GracePeriodMs, emitStrategy, fold)
{
    protected override void Aggregate(Record<TKey, TValue> record, long closeTime)
    {
        var timestamp = record.Timestamp;
        byte[]? key = null;
        for (var start = windows.FirstWindowStart(timestamp); start <= timestamp; start += windows.AdvanceMs)
        {
            var end = windows.WindowEnd(start);
            if (end <= closeTime)
            {
                RecordLate();
                continue;
            }

            key ??= Store.SerializeKey(record.Key);
            var had = Store.TryFetch(key, start, out var old);
            var aggregate = Fold(record.Key, record.Value, had, old.Value);
            PutAndForward(record, key, new Window(start, end), aggregate, had, old.Value, had ? Math.Max(timestamp, old.Timestamp) : timestamp);
        }
    }

    // Time windows are half-open: a window is closed once its end is at or before the close time.
    protected override long EmitRangeUpperBound(long closeTime) => closeTime - windows.SizeMs;

    protected override long EmitRangeLowerBound(long lastEmitCloseTime, bool first) =>
        first ? 0 : Math.Max(0, lastEmitCloseTime - windows.SizeMs) + 1;

    protected override bool MayHaveWindows(long lowerBound, long upperBound) =>
        lowerBound <= upperBound && upperBound / windows.AdvanceMs * windows.AdvanceMs >= lowerBound;
}
