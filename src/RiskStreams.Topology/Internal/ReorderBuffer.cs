using RiskStreams.Risk;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The account processor's event-time reorder buffer: the held events live in memory, ordered by <see cref="ReorderKey"/>
/// (event time, then arrival sequence), and are mirrored in a changelogged store (<see cref="RiskStoreNames.ReorderBuffer"/>),
/// never range-scanned. When the store says when it flushes (<see cref="IFlushingStore"/>, i.e. on every commit), an event is
/// written only if it is still held at the flush, and deleted when released after that: an event held and released within
/// one commit interval costs the store and its changelog nothing, one held across commits a put and a delete. Otherwise every
/// event is put when held and deleted when released. All accounts of the task share it, so the release order is deterministic.
/// </summary>
/// <remarks>
/// The in-memory queue is rebuilt from the store on first use (after a restore, the store holds exactly what the changelog
/// held at the restored position), and the next sequence number continues after the largest one stored, so events held
/// before a restart keep their place before those that arrive after it.
/// </remarks>
internal sealed class ReorderBuffer
{
    private readonly IKeyValueStore<ReorderKey, AccountEvent> _store;
    private readonly PriorityQueue<AccountEvent, ReorderKey> _held = new();

    // Held events not yet in the store (only when writes wait for the flush).
    private readonly Dictionary<ReorderKey, AccountEvent>? _unwritten;
    private long _nextSequence;
    private bool _loaded;

    public ReorderBuffer(IKeyValueStore<ReorderKey, AccountEvent> store)
    {
        _store = store;
        if (store is IFlushingStore flushing)
        {
            _unwritten = [];
            flushing.BeforeFlush(WriteHeld);
        }
    }

    /// <summary>Entries held.</summary>
    public int Count
    {
        get
        {
            EnsureLoaded();
            return _held.Count;
        }
    }

    /// <summary>The largest event time released so far by this instance (<see cref="long.MinValue"/> before the first release).</summary>
    public long ReleasedThroughMs { get; private set; } = long.MinValue;

    /// <summary>Event time of the first entry in release order, or null when nothing is held.</summary>
    public long? NextEventTimeMs
    {
        get
        {
            EnsureLoaded();
            return _held.TryPeek(out _, out var key) ? key.EventTimeMs : null;
        }
    }

    /// <summary>The latest event time held, or null when nothing is held (a scan: for the end of an offline input only).</summary>
    public long? LatestEventTimeMs
    {
        get
        {
            EnsureLoaded();
            return _held.Count == 0 ? null : _held.UnorderedItems.Max(e => e.Priority.EventTimeMs);
        }
    }

    /// <summary>
    /// Whether an event with time <paramref name="eventTimeMs"/> may be decided at once once everything up to
    /// <paramref name="eventTimeCutoffMs"/> has been released: it is not after the cutoff, or it is older than an event
    /// already released (holding it could not put it back in order). Every entry still held comes after it in key order.
    /// </summary>
    public bool IsDue(long eventTimeMs, long? eventTimeCutoffMs) =>
        (eventTimeCutoffMs is { } cutoff && eventTimeMs <= cutoff) || eventTimeMs < ReleasedThroughMs;

    /// <summary>Holds <paramref name="e"/> with event time <paramref name="eventTimeMs"/>.</summary>
    public void Add(AccountEvent e, long eventTimeMs)
    {
        EnsureLoaded();
        var key = new ReorderKey(eventTimeMs, _nextSequence++);
        if (_unwritten is null)
        {
            _store.Put(key, e);
        }
        else
        {
            _unwritten.Add(key, e);
        }

        _held.Enqueue(e, key);
    }

    /// <summary>Removes the first entry in key order if its event time is at most <paramref name="eventTimeCutoffMs"/>.</summary>
    public bool TryTakeThrough(long eventTimeCutoffMs, out AccountEvent e, out long eventTimeMs)
    {
        EnsureLoaded();
        if (_held.TryPeek(out var next, out var key) && key.EventTimeMs <= eventTimeCutoffMs)
        {
            _held.Dequeue();
            if (_unwritten?.Remove(key) != true)
            {
                _store.Delete(key);
            }

            ReleasedThroughMs = Math.Max(ReleasedThroughMs, key.EventTimeMs);
            (e, eventTimeMs) = (next, key.EventTimeMs);
            return true;
        }

        (e, eventTimeMs) = (null!, 0);
        return false;
    }

    /// <summary>Writes the held events the store does not have yet (at the start of every flush).</summary>
    private void WriteHeld()
    {
        foreach (var (key, e) in _unwritten!)
        {
            _store.Put(key, e);
        }

        _unwritten.Clear();
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        foreach (var (key, value) in _store.All())
        {
            _held.Enqueue(value, key);
            _nextSequence = Math.Max(_nextSequence, key.Sequence + 1);
        }
    }
}
