using RiskStreams.Streams.Internal.Runtime;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// Aggregates into session windows as Kafka Streams' KStreamSessionWindowAggregate does: a record at
/// <c>t</c> merges every session of its key ending at or after <c>t - gap</c> and starting at or before
/// <c>t + gap</c> into one session; merged-away sessions are removed and forwarded as deletions (null
/// new value), then the merged session is forwarded. Results carry the session end as timestamp. A
/// merged session ending before <c>stream time - grace - gap</c> is closed: the record is dropped ("late").
/// </summary>
/// <remarks>
/// <c>fold(key, value, hadAggregate, aggregate)</c> adds a record; <c>merge(key, hadAggregate, aggregate, sessionAggregate)</c>
/// folds an existing session's aggregate in. Emit-on-close is not throttled by wall-clock time.
/// </remarks>
internal sealed class KStreamSessionWindowAggregateProcessor<TKey, TValue, TAggregate>(
    string storeName,
    SessionWindows windows,
    EmitStrategyType emitStrategy,
    Func<TKey, TValue, bool, TAggregate, TAggregate> fold,
    Func<TKey, bool, TAggregate, TAggregate, TAggregate> merge)
    : IProcessor<TKey, TValue, Windowed<TKey>, Change<TAggregate>>
{
    private IProcessorContext<Windowed<TKey>, Change<TAggregate>> _context = null!;
    private ISessionStore<TKey, TAggregate> _store = null!;
    private long _observedStreamTime = long.MinValue;
    private long _lastEmitCloseTime = long.MinValue;

    public void Init(IProcessorContext<Windowed<TKey>, Change<TAggregate>> context)
    {
        _context = context;
        _store = context.GetStateStore<ISessionStore<TKey, TAggregate>>(storeName);
    }

    public void Process(Record<TKey, TValue> record)
    {
        if (record.Key is null)
        {
            _context.RecordDropped("null-key");
            return;
        }

        if (record.Value is null)
        {
            _context.RecordDropped("null-value");
            return;
        }

        var timestamp = record.Timestamp;
        _observedStreamTime = Math.Max(_observedStreamTime, timestamp);
        var closeTime = _observedStreamTime - windows.GracePeriodMs - windows.InactivityGapMs;
        if (emitStrategy == EmitStrategyType.OnWindowClose)
        {
            MaybeEmitClosed(record, closeTime);
        }

        var overlapping = _store.FindSessions(record.Key, timestamp - windows.InactivityGapMs, timestamp + windows.InactivityGapMs);
        var had = false;
        TAggregate aggregate = default!;
        long start = timestamp, end = timestamp;
        var merged = new List<KeyValuePair<Windowed<TKey>, TAggregate>>();
        foreach (var session in overlapping)
        {
            merged.Add(session);
            aggregate = merge(record.Key, had, aggregate, session.Value);
            had = true;
            start = Math.Min(start, session.Key.Window.StartMs);
            end = Math.Max(end, session.Key.Window.EndMs);
        }

        if (end < closeTime)
        {
            _context.RecordDropped("late");
            return;
        }

        var window = new Window(start, end);
        if (start != timestamp || end != timestamp)
        {
            foreach (var (session, old) in merged)
            {
                _store.Remove(session);
                Forward(record, session, default!, true, old);
            }
        }

        aggregate = fold(record.Key, record.Value, had, aggregate);
        var windowed = new Windowed<TKey>(record.Key, window);
        _store.Put(windowed, aggregate);
        Forward(record, windowed, aggregate, false, default!);
    }

    private void Forward(Record<TKey, TValue> record, Windowed<TKey> session, TAggregate aggregate, bool hadOld, TAggregate old)
    {
        if (emitStrategy == EmitStrategyType.OnWindowUpdate)
        {
            _context.Forward(new Record<Windowed<TKey>, Change<TAggregate>>(
                session, new Change<TAggregate>(aggregate, hadOld ? old : default!), session.Window.EndMs) { Headers = record.Headers });
        }
    }

    // Sessions include their end: a session is closed once its end is before the close time.
    private void MaybeEmitClosed(Record<TKey, TValue> record, long closeTime)
    {
        var first = _lastEmitCloseTime == long.MinValue;
        if (!first && _lastEmitCloseTime >= closeTime)
        {
            return;
        }

        var upper = closeTime - 1;
        var lower = first ? 0 : Math.Max(0, _lastEmitCloseTime);
        if (upper < 0 || upper < lower)
        {
            return;
        }

        foreach (var (session, aggregate) in _store.FindSessionsByEndTime(lower, upper))
        {
            _context.Forward(new Record<Windowed<TKey>, Change<TAggregate>>(
                session, new Change<TAggregate>(aggregate, default!), session.Window.EndMs) { Headers = record.Headers });
        }

        _lastEmitCloseTime = closeTime;
    }
}
