using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Per account, the stream time at which its level may next step down (<see cref="RiskStoreNames.StepDownTimers"/>, key
/// accountId, value due time in epoch ms), with an in-memory queue by due time so that finding what is due costs a peek.
/// The store is changelogged, so the timers survive restarts; the queue is rebuilt from it on first use.
/// </summary>
internal sealed class StepDownTimers(IKeyValueStore<string, long> store)
{
    // Superseded queue entries stay until they reach the front and are skipped (lazy deletion).
    private readonly PriorityQueue<string, long> _queue = new();
    private readonly Dictionary<string, long> _due = new(StringComparer.Ordinal);
    private bool _loaded;

    /// <summary>Accounts with a timer.</summary>
    public int Count
    {
        get
        {
            EnsureLoaded();
            return _due.Count;
        }
    }

    /// <summary>The earliest due time, or null when no timer is set.</summary>
    public long? NextDueMs
    {
        get
        {
            EnsureLoaded();
            SkipSuperseded();
            return _queue.TryPeek(out _, out var due) ? due : null;
        }
    }

    /// <summary>Sets (or, with null, clears) the timer of <paramref name="accountId"/>; writes the store only when it changes.</summary>
    public void Set(string accountId, long? dueMs)
    {
        EnsureLoaded();
        if (dueMs is not { } due)
        {
            if (_due.Remove(accountId))
            {
                store.Delete(accountId);
            }

            return;
        }

        if (_due.TryGetValue(accountId, out var current) && current == due)
        {
            return;
        }

        _due[accountId] = due;
        _queue.Enqueue(accountId, due);
        store.Put(accountId, due);
    }

    /// <summary>Removes the earliest timer if it is due at or before <paramref name="cutoffMs"/>.</summary>
    public bool TryTakeThrough(long cutoffMs, out string accountId, out long dueMs)
    {
        EnsureLoaded();
        SkipSuperseded();
        if (_queue.TryPeek(out var account, out var due) && due <= cutoffMs)
        {
            _queue.Dequeue();
            _due.Remove(account);
            store.Delete(account);
            (accountId, dueMs) = (account, due);
            return true;
        }

        (accountId, dueMs) = (null!, 0);
        return false;
    }

    private void SkipSuperseded()
    {
        while (_queue.TryPeek(out var account, out var due) && (!_due.TryGetValue(account, out var current) || current != due))
        {
            _queue.Dequeue();
        }
    }

    private void EnsureLoaded()
    {
        if (_loaded)
        {
            return;
        }

        _loaded = true;
        foreach (var (account, due) in store.All())
        {
            _due[account] = due;
            _queue.Enqueue(account, due);
        }
    }
}
