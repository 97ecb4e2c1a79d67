using RiskStreams.Risk;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The account processor's event-time reorder buffer over its changelogged store (<see cref="RiskStoreNames.ReorderBuffer"/>).
/// Entries are keyed by <see cref="ReorderKey"/> (event time, then arrival sequence), so a range scan from the smallest key
/// yields them in the order they must be decided. All accounts of the task share it, so the release order is deterministic.
/// </summary>
/// <remarks>
/// Beside the store it keeps, in memory, the live sequence numbers and the arrival order with each entry's wall-clock
/// buffering time, so neither the per-record release nor the wall-clock check scans the whole store. Both are rebuilt
/// from the store on first use (after a restore), and the next sequence number continues after the largest one stored.
/// </remarks>
internal sealed class ReorderBuffer(IKeyValueStore<ReorderKey, BufferedEvent> store)
{
    private readonly Queue<(ReorderKey Key, long BufferedAtWallMs)> _arrivals = new();
    private readonly HashSet<long> _live = [];
    private long _nextSequence;
    private bool _loaded;

    /// <summary>Entries held.</summary>
    public int Count
    {
        get
        {
            EnsureLoaded();
            return _live.Count;
        }
    }

    /// <summary>The largest event time released so far by this instance (<see cref="long.MinValue"/> before the first release).</summary>
    public long ReleasedThroughMs { get; private set; } = long.MinValue;

    /// <summary>
    /// Whether an event with time <paramref name="eventTimeMs"/> may be decided at once, after a <see cref="Release"/> with
    /// <paramref name="eventTimeCutoffMs"/>: it is not after the cutoff, or it is older than an event already released
    /// (holding it could not put it back in order). Every entry still held comes after it in key order.
    /// </summary>
    public bool IsDue(long eventTimeMs, long? eventTimeCutoffMs) =>
        (eventTimeCutoffMs is { } cutoff && eventTimeMs <= cutoff) || eventTimeMs < ReleasedThroughMs;

    /// <summary>Holds <paramref name="e"/> with event time <paramref name="eventTimeMs"/>, buffered at wall-clock time <paramref name="wallClockMs"/>.</summary>
    public void Add(AccountEvent e, long eventTimeMs, long wallClockMs)
    {
        EnsureLoaded();
        var key = new ReorderKey(eventTimeMs, _nextSequence++);
        store.Put(key, new BufferedEvent(e, wallClockMs));
        _arrivals.Enqueue((key, wallClockMs));
        _live.Add(key.Sequence);
    }

    /// <summary>
    /// Removes and hands to <paramref name="decide"/>, in key order, every entry whose event time is at most
    /// <paramref name="eventTimeCutoffMs"/>, and every entry up to (in key order) the last one buffered at or before
    /// wall-clock time <paramref name="wallClockCutoffMs"/> — earlier event times go first even if they arrived later.
    /// </summary>
    /// <returns>How many entries were released.</returns>
    public int Release(long? eventTimeCutoffMs, long? wallClockCutoffMs, Action<AccountEvent, long> decide)
    {
        EnsureLoaded();
        if (_live.Count == 0)
        {
            return 0;
        }

        ReorderKey? upTo = eventTimeCutoffMs is { } cutoff ? ReorderKey.Through(cutoff) : null;
        if (wallClockCutoffMs is { } wallCutoff)
        {
            while (_arrivals.TryPeek(out var arrival) && arrival.BufferedAtWallMs <= wallCutoff)
            {
                _arrivals.Dequeue();
                if (_live.Contains(arrival.Key.Sequence) && (upTo is not { } u || arrival.Key.CompareTo(u) > 0))
                {
                    upTo = arrival.Key;
                }
            }
        }

        if (upTo is not { } last)
        {
            return 0;
        }

        // Materialized first: deciding writes to other stores, and the scan must not depend on the store tolerating that.
        var due = store.Range(ReorderKey.Min, last).ToList();
        foreach (var (key, value) in due)
        {
            store.Delete(key);
            _live.Remove(key.Sequence);
            ReleasedThroughMs = Math.Max(ReleasedThroughMs, key.EventTimeMs);
            decide(value.Event, key.EventTimeMs);
        }

        // Entries released by event time leave the arrival queue once nothing older in arrival order is still held.
        while (_arrivals.TryPeek(out var front) && !_live.Contains(front.Key.Sequence))
        {
            _arrivals.Dequeue();
        }

        return due.Count;
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        var held = store.All().Select(e => (e.Key, e.Value.BufferedAtWallMs)).OrderBy(e => e.Key.Sequence).ToList();
        foreach (var entry in held)
        {
            _arrivals.Enqueue(entry);
            _live.Add(entry.Key.Sequence);
        }

        _nextSequence = held.Count == 0 ? 0 : held[^1].Key.Sequence + 1;
    }
}
