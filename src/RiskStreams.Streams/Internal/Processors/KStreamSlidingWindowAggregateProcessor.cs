using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// Aggregates into sliding windows <c>[start, start + d]</c> (both ends included) with Kafka Streams'
/// KStreamSlidingWindowAggregate algorithm (reverse-iteration variant): a record at <c>t</c> updates
/// the existing windows that contain it, creates its left window <c>[t - d, t]</c> (seeded with the
/// previous record's left-window aggregate when that record is within <c>d</c>), creates the previous
/// record's right window <c>[prev + 1, prev + 1 + d]</c> when <c>t</c> falls in it, and creates its own
/// right window <c>[t + 1, t + 1 + d]</c> when later records fall in it. Records before <c>d</c> go to
/// the combined window <c>[0, d]</c>. Windows are stored with size <c>d</c>.
/// </summary>
internal sealed class KStreamSlidingWindowAggregateProcessor<TKey, TValue, TAggregate>(
    string storeName, SlidingWindows windows, EmitStrategyType emitStrategy, Func<TKey, TValue, bool, TAggregate, TAggregate> fold)
    : WindowAggregateProcessorBase<TKey, TValue, TAggregate>(storeName, windows.GracePeriodMs, emitStrategy, fold)
{
    private readonly long _difference = windows.TimeDifferenceMs;
    private readonly HashSet<long> _windowStarts = [];

    protected override void Aggregate(Record<TKey, TValue> record, long closeTime)
    {
        var timestamp = record.Timestamp;

        // Even the record's right window [t + 1, t + 1 + d] has closed: nothing can take it.
        if (timestamp + 1 + _difference <= closeTime)
        {
            RecordLate();
            return;
        }

        var key = Store.SerializeKey(record.Key);
        _windowStarts.Clear();
        if (timestamp < _difference)
        {
            ProcessEarly(record, key, closeTime);
        }
        else
        {
            ProcessReverse(record, key, closeTime);
        }
    }

    // Sliding windows include their end: a window is closed once its end is before the close time.
    protected override long EmitRangeUpperBound(long closeTime) => closeTime - _difference - 1;

    protected override long EmitRangeLowerBound(long lastEmitCloseTime, bool first) =>
        first ? 0 : Math.Max(0, lastEmitCloseTime - _difference);

    private void ProcessReverse(Record<TKey, TValue> record, byte[] key, long closeTime)
    {
        var timestamp = record.Timestamp;
        ValueAndTimestamp<TAggregate>? leftWindowAggregate = null;
        ValueAndTimestamp<TAggregate>? rightWindowAggregate = null;
        var leftWindowExists = false;
        var rightWindowExists = false;
        long? previousRecordTimestamp = null;

        // Newest first: windows that contain the record, then the first window that ends before it.
        foreach (var (start, window) in Store.FetchTimestamped(key, Math.Max(0, timestamp - (2 * _difference)), timestamp + 1, backward: true))
        {
            _windowStarts.Add(start);
            var end = start + _difference;
            if (start == timestamp + 1)
            {
                rightWindowExists = true;
            }
            else if (end > timestamp)
            {
                rightWindowAggregate ??= window;
                UpdateWindow(record, key, start, window, exists: true, closeTime);
            }
            else if (end == timestamp)
            {
                leftWindowExists = true;
                UpdateWindow(record, key, start, window, exists: true, closeTime);
                if (window.Timestamp >= timestamp)
                {
                    // A record at this very time came before: every window this record needs exists.
                    return;
                }

                previousRecordTimestamp = window.Timestamp;
            }
            else
            {
                leftWindowAggregate = window;
                previousRecordTimestamp = window.Timestamp;
                break;
            }
        }

        CreateWindows(record, key, closeTime, leftWindowAggregate, rightWindowAggregate, leftWindowExists, rightWindowExists, previousRecordTimestamp);
    }

    /// <summary>Records before <c>d</c> would need windows starting before 0; they share the combined window [0, d].</summary>
    private void ProcessEarly(Record<TKey, TValue> record, byte[] key, long closeTime)
    {
        var timestamp = record.Timestamp;
        ValueAndTimestamp<TAggregate>? combinedWindow = null;
        ValueAndTimestamp<TAggregate>? rightWindowAggregate = null;
        var rightWindowExists = false;
        long? previousRecordTimestamp = null;

        foreach (var (start, window) in Store.FetchTimestamped(key, 0, timestamp + 1, backward: false))
        {
            _windowStarts.Add(start);
            if (start == 0)
            {
                combinedWindow = window;

                // When the combined window already holds a record at or after this one, the previous
                // record's right window was created by that record.
                if (window.Timestamp < timestamp)
                {
                    previousRecordTimestamp = window.Timestamp;
                }
            }
            else if (start <= timestamp)
            {
                rightWindowAggregate = window;
                UpdateWindow(record, key, start, window, exists: true, closeTime);
            }
            else
            {
                rightWindowExists = true;
            }
        }

        // Without a right window, the combined window holds exactly the records after this one when its latest record is later.
        if (rightWindowAggregate is null && combinedWindow is { } combined && combined.Timestamp > timestamp)
        {
            rightWindowAggregate = combined;
        }

        if (!rightWindowExists && rightWindowAggregate is { } right && right.Timestamp > timestamp)
        {
            CreateRightWindow(record, key, right);
        }

        if (previousRecordTimestamp is { } previous && !_windowStarts.Contains(previous + 1))
        {
            CreateWindow(record, key, previous + 1, closeTime);
        }

        if (combinedWindow is { } existing)
        {
            UpdateWindow(record, key, 0, existing, exists: true, closeTime);
        }
        else
        {
            CreateWindow(record, key, 0, closeTime);
        }
    }

    private void CreateWindows(
        Record<TKey, TValue> record, byte[] key, long closeTime, ValueAndTimestamp<TAggregate>? leftWindowAggregate,
        ValueAndTimestamp<TAggregate>? rightWindowAggregate, bool leftWindowExists, bool rightWindowExists, long? previousRecordTimestamp)
    {
        var timestamp = record.Timestamp;

        // The previous record's right window, when missing and this record falls in it.
        if (previousRecordTimestamp is { } previous)
        {
            var previousRightStart = previous + 1;
            if (!_windowStarts.Contains(previousRightStart) && previousRightStart + _difference >= timestamp)
            {
                CreateWindow(record, key, previousRightStart, closeTime);
            }
        }

        // This record's left window, seeded with the previous record's left window when that record is within d.
        if (!leftWindowExists)
        {
            if (previousRecordTimestamp is { } p && timestamp - _difference <= p && leftWindowAggregate is { } left)
            {
                UpdateWindow(record, key, timestamp - _difference, new ValueAndTimestamp<TAggregate>(left.Value, timestamp), exists: false, closeTime);
            }
            else
            {
                CreateWindow(record, key, timestamp - _difference, closeTime);
            }
        }

        // This record's right window, when later records exist within d.
        if (!rightWindowExists && rightWindowAggregate is { } right && right.Timestamp > timestamp)
        {
            CreateRightWindow(record, key, right);
        }
    }

    /// <summary>The window [t + 1, t + 1 + d] holds the records after t of the window found containing t: copy its aggregate.</summary>
    private void CreateRightWindow(Record<TKey, TValue> record, byte[] key, ValueAndTimestamp<TAggregate> aggregate)
    {
        var start = record.Timestamp + 1;
        PutAndForward(record, key, new Window(start, start + _difference), aggregate.Value, false, default!, aggregate.Timestamp);
    }

    /// <summary>Creates the window starting at <paramref name="start"/> with only this record (the initializer's aggregate).</summary>
    private void CreateWindow(Record<TKey, TValue> record, byte[] key, long start, long closeTime) =>
        FoldInto(record, key, start, hasAggregate: false, default!, record.Timestamp, exists: false, closeTime);

    /// <summary>Folds the record into <paramref name="current"/> and stores it as the window starting at <paramref name="start"/>.</summary>
    private void UpdateWindow(Record<TKey, TValue> record, byte[] key, long start, ValueAndTimestamp<TAggregate> current, bool exists, long closeTime) =>
        FoldInto(record, key, start, hasAggregate: true, current.Value, current.Timestamp, exists, closeTime);

    private void FoldInto(Record<TKey, TValue> record, byte[] key, long start, bool hasAggregate, TAggregate current, long currentTimestamp, bool exists, long closeTime)
    {
        var end = start + _difference;
        if (end < closeTime)
        {
            RecordLate();
            return;
        }

        var aggregate = Fold(record.Key, record.Value, hasAggregate, current);
        var timestamp = hasAggregate ? Math.Max(record.Timestamp, currentTimestamp) : record.Timestamp;
        PutAndForward(record, key, new Window(start, end), aggregate, exists, current, timestamp);
    }
}
