using RiskStreams.Risk;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The account processor's event-time reorder buffer: the held events live in memory, ordered by <see cref="ReorderKey"/>
/// (event time, then arrival sequence), and are mirrored in a changelogged store (<see cref="RiskStoreNames.ReorderBuffer"/>),
/// never range-scanned. When the store says when it flushes (<see cref="IFlushingStore"/>, i.e. on every commit), an event is
/// written only if it is still held at the flush, and deleted when decided after that: an event held and decided within
/// one commit interval costs the store and its changelog nothing, one held across commits a put and a delete. Otherwise every
/// event is put when held and deleted when decided. All accounts of the task share it, so the release order is deterministic.
/// </summary>
/// <remarks>
/// <para>Events leave the time-ordered queue in two steps: <see cref="ReleaseThrough"/> fixes their decision order by moving
/// them to the ready queue (first in, first out), and <see cref="TakeReady"/> removes one to be decided. Between the two an
/// event may wait for its entity enrichment (<see cref="HeldEvent.AwaitsEntities"/>, completed by <see cref="TryComplete"/>),
/// holding back those behind it, so the order in which events are decided never depends on when enrichments arrive.</para>
/// <para>The in-memory queues are rebuilt from the store on first use (after a restore the store holds exactly what the
/// changelog held at the restored position: ready events return to the time-ordered queue), and the next sequence number
/// continues after the largest one stored, so events held before a restart keep their place before those after it.</para>
/// </remarks>
internal sealed class ReorderBuffer
{
    private readonly IKeyValueStore<ReorderKey, AccountEvent> _store;
    private readonly Func<AccountEvent, bool> _awaitsEntities;
    private readonly Func<long> _wallClockMs;
    private readonly PriorityQueue<HeldEvent, ReorderKey> _held = new();
    private readonly Queue<HeldEvent> _ready = new();

    // Events still waiting for their enrichment, by event id (a duplicated event waits twice, completed in arrival order).
    private readonly Dictionary<string, Queue<HeldEvent>> _awaiting = new(StringComparer.Ordinal);

    // Held events not yet in the store (only when writes wait for the flush).
    private readonly Dictionary<ReorderKey, AccountEvent>? _unwritten;
    private long _nextSequence;
    private bool _loaded;

    /// <param name="store">The changelogged store mirroring the held events.</param>
    /// <param name="awaitsEntities">Whether an event must wait for its entity enrichment (a bare login or transaction, when the entity branches run).</param>
    /// <param name="wallClockMs">The processing clock, for how long an event has waited (<see cref="HeldEvent.HeldSinceWallClockMs"/>).</param>
    public ReorderBuffer(IKeyValueStore<ReorderKey, AccountEvent> store, Func<AccountEvent, bool> awaitsEntities, Func<long>? wallClockMs = null)
    {
        _store = store;
        _awaitsEntities = awaitsEntities;
        _wallClockMs = wallClockMs ?? (static () => 0);
        if (store is IFlushingStore flushing)
        {
            _unwritten = [];
            flushing.BeforeFlush(WriteHeld);
        }
    }

    /// <summary>Entries held, ready ones included.</summary>
    public int Count
    {
        get
        {
            EnsureLoaded();
            return _held.Count + _ready.Count;
        }
    }

    /// <summary>The largest event time released so far by this instance (<see cref="long.MinValue"/> before the first release).</summary>
    public long ReleasedThroughMs { get; private set; } = long.MinValue;

    /// <summary>Event time of the first entry of the time-ordered queue, or null when it is empty.</summary>
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
            return Count == 0 ? null : _held.UnorderedItems.Select(e => e.Priority.EventTimeMs).Concat(_ready.Select(h => h.Key.EventTimeMs)).Max();
        }
    }

    /// <summary>
    /// Whether an event with time <paramref name="eventTimeMs"/> is due once everything up to <paramref name="eventTimeCutoffMs"/>
    /// has been released: it is not after the cutoff, or it is older than an event already released (holding it could not put
    /// it back in order). Every entry still in the time-ordered queue comes after it in key order.
    /// </summary>
    public bool IsDue(long eventTimeMs, long? eventTimeCutoffMs) =>
        (eventTimeCutoffMs is { } cutoff && eventTimeMs <= cutoff) || eventTimeMs < ReleasedThroughMs;

    /// <summary>Holds <paramref name="e"/> with event time <paramref name="eventTimeMs"/> in the time-ordered queue.</summary>
    public void Add(AccountEvent e, long eventTimeMs)
    {
        var held = Hold(e, eventTimeMs);
        _held.Enqueue(held, held.Key);
    }

    /// <summary>
    /// Puts a due event at the end of the ready queue (its order is fixed: after everything released before it). Its key takes
    /// the time released through when it is older, so the store's key order is the ready queue's order and a restore puts it
    /// back in the same place.
    /// </summary>
    public void AddReady(AccountEvent e, long eventTimeMs) => _ready.Enqueue(Hold(e, Math.Max(eventTimeMs, ReleasedThroughMs)));

    /// <summary>Moves the first entry of the time-ordered queue to the ready queue if its event time is at most <paramref name="eventTimeCutoffMs"/>.</summary>
    public bool ReleaseNextThrough(long eventTimeCutoffMs)
    {
        EnsureLoaded();
        if (_held.TryPeek(out var next, out var key) && key.EventTimeMs <= eventTimeCutoffMs)
        {
            _held.Dequeue();
            ReleasedThroughMs = Math.Max(ReleasedThroughMs, key.EventTimeMs);
            _ready.Enqueue(next);
            return true;
        }

        return false;
    }

    /// <summary>Moves every entry with event time at most <paramref name="eventTimeCutoffMs"/> to the ready queue, in key order.</summary>
    public void ReleaseThrough(long eventTimeCutoffMs)
    {
        while (ReleaseNextThrough(eventTimeCutoffMs))
        {
        }
    }

    /// <summary>The first ready entry, if any (decided next unless it awaits its enrichment).</summary>
    public bool TryPeekReady(out HeldEvent held)
    {
        EnsureLoaded();
        return _ready.TryPeek(out held!);
    }

    /// <summary>Removes the first ready entry (to be decided): from the store, and from the awaiting ones if it is decided without its enrichment.</summary>
    public AccountEvent TakeReady()
    {
        var held = _ready.Dequeue();
        if (held.AwaitsEntities)
        {
            RemoveAwaiting(held);
        }

        if (_unwritten?.Remove(held.Key) != true)
        {
            _store.Delete(held.Key);
        }

        return held.Event;
    }

    /// <summary>Completes the held bare event with <paramref name="enriched"/>'s id, if one awaits it (false: none does).</summary>
    public bool TryComplete(AccountEvent enriched)
    {
        EnsureLoaded();
        if (!_awaiting.TryGetValue(enriched.EventId, out var waiting))
        {
            return false;
        }

        var held = waiting.Dequeue();
        if (waiting.Count == 0)
        {
            _awaiting.Remove(enriched.EventId);
        }

        held.Complete(enriched);
        if (_unwritten is not null && _unwritten.ContainsKey(held.Key))
        {
            _unwritten[held.Key] = enriched;
        }
        else
        {
            _store.Put(held.Key, enriched);
        }

        return true;
    }

    private HeldEvent Hold(AccountEvent e, long eventTimeMs)
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

        return Track(new HeldEvent(key, e, _awaitsEntities(e)) { HeldSinceWallClockMs = _wallClockMs() });
    }

    private HeldEvent Track(HeldEvent held)
    {
        if (held.AwaitsEntities)
        {
            if (!_awaiting.TryGetValue(held.Event.EventId, out var waiting))
            {
                waiting = new Queue<HeldEvent>();
                _awaiting.Add(held.Event.EventId, waiting);
            }

            waiting.Enqueue(held);
        }

        return held;
    }

    private void RemoveAwaiting(HeldEvent held)
    {
        var waiting = _awaiting[held.Event.EventId];
        var rest = new Queue<HeldEvent>(waiting.Where(h => !ReferenceEquals(h, held)));
        if (rest.Count == 0)
        {
            _awaiting.Remove(held.Event.EventId);
        }
        else
        {
            _awaiting[held.Event.EventId] = rest;
        }
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
            _held.Enqueue(Track(new HeldEvent(key, value, _awaitsEntities(value)) { HeldSinceWallClockMs = _wallClockMs() }), key);
            _nextSequence = Math.Max(_nextSequence, key.Sequence + 1);
        }
    }
}
