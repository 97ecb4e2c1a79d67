namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// The record cache of one caching store layer: entries (a null value is a cached delete) in least-recently-used
/// order, each dirty until written through, sized in bytes. The layer owning it decides when to evict and where
/// evicted or flushed dirty entries go. Entries live in one array, linked by index into the recency list and the
/// dirty list (a free list reuses evicted slots), so a hit, an update or an eviction allocates nothing; a value put
/// from a span is copied into the entry's own array when that array was never handed out and has the same length.
/// </summary>
/// <typeparam name="TKey">Cache key (bytes key, or bytes key and window start).</typeparam>
internal sealed class CachingLruCache<TKey>(IEqualityComparer<TKey> comparer, Func<TKey, int> keyBytes)
    where TKey : notnull
{
    /// <summary>Bytes counted per entry beside its key and value: the map slot, the entry slot and the value array's header.</summary>
    private const int EntryOverheadBytes = 96;
    private const int None = -1;
    private readonly Dictionary<TKey, int> _index = new(comparer);
    private Entry[] _entries = new Entry[64];
    private int _used;
    private int _free = None;
    private int _lruHead = None;
    private int _lruTail = None;
    private int _dirtyHead = None;
    private int _dirtyTail = None;

    public long SizeBytes { get; private set; }

    public int Count => _index.Count;

    public int DirtyCount { get; private set; }

    /// <summary>Whether the cache knows <paramref name="key"/>; its value (null when deleted) then, and it becomes the most recently used.</summary>
    public bool TryGet(TKey key, out byte[]? value)
    {
        if (_index.TryGetValue(key, out var slot))
        {
            Touch(slot);
            ref var entry = ref _entries[slot];
            entry.Shared = true;
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// Like <see cref="TryGet"/>, without handing out the value's array: <paramref name="value"/> is valid until the cache
    /// is next written; <paramref name="deleted"/> says a cached delete was found.
    /// </summary>
    public bool TryGetSpan(TKey key, out ReadOnlySpan<byte> value, out bool deleted)
    {
        if (_index.TryGetValue(key, out var slot))
        {
            Touch(slot);
            var stored = _entries[slot].Value;
            deleted = stored is null;
            value = stored;
            return true;
        }

        value = default;
        deleted = false;
        return false;
    }

    /// <summary>Sets <paramref name="key"/> as a dirty entry, the most recently used; the cache keeps <paramref name="value"/> as it is.</summary>
    public void Put(TKey key, byte[]? value)
    {
        ref var entry = ref Upsert(key);
        SizeBytes += (value?.Length ?? 0) - (entry.Value?.Length ?? 0);
        entry.Value = value;
        entry.Shared = true;
    }

    /// <summary>Sets <paramref name="key"/> to a copy of <paramref name="value"/> as a dirty entry, the most recently used.</summary>
    public void Put(TKey key, ReadOnlySpan<byte> value)
    {
        ref var entry = ref Upsert(key);
        if (entry.Value is { } own && !entry.Shared && own.Length == value.Length)
        {
            value.CopyTo(own);
            return;
        }

        SizeBytes += value.Length - (entry.Value?.Length ?? 0);
        entry.Value = value.ToArray();
        entry.Shared = false;
    }

    /// <summary>Removes the least recently used entry; true with it when there was one (written through by the caller when dirty).</summary>
    public bool TryEvict(out TKey key, out byte[]? value, out bool dirty)
    {
        if (_lruHead == None)
        {
            (key, value, dirty) = (default!, null, false);
            return false;
        }

        var slot = _lruHead;
        ref var entry = ref _entries[slot];
        (key, value, dirty) = (entry.Key, entry.Value, entry.Dirty);
        MarkClean(slot);
        Unlink(slot);
        _index.Remove(entry.Key);
        SizeBytes -= entry.FixedBytes + (entry.Value?.Length ?? 0);
        entry = default;
        entry.Next = _free;
        _free = slot;
        return true;
    }

    /// <summary>Hands every dirty entry to <paramref name="writeThrough"/> in the order they became dirty; they stay cached, clean.</summary>
    public void Flush(Action<TKey, byte[]?> writeThrough)
    {
        while (_dirtyHead != None)
        {
            var slot = _dirtyHead;
            MarkClean(slot);

            // The store below may keep the array (a changelog record does): later puts get a new one.
            ref var entry = ref _entries[slot];
            entry.Shared = true;
            writeThrough(entry.Key, entry.Value);
        }
    }

    /// <summary>
    /// The dirty entries (not written through yet) whose key matches, a null value for a cached delete; nothing changes
    /// (no recency, no write-through), so reads can overlay them on the store below.
    /// </summary>
    public List<KeyValuePair<TKey, byte[]?>> Dirty(Func<TKey, bool> match)
    {
        var result = new List<KeyValuePair<TKey, byte[]?>>();
        for (var slot = _dirtyHead; slot != None; slot = _entries[slot].DirtyNext)
        {
            ref var entry = ref _entries[slot];
            if (match(entry.Key))
            {
                // The value leaves the cache: it must not be overwritten in place by a later put.
                entry.Shared = true;
                result.Add(new KeyValuePair<TKey, byte[]?>(entry.Key, entry.Value));
            }
        }

        return result;
    }

    /// <summary>Drops every entry, dirty or not.</summary>
    public void Clear()
    {
        _index.Clear();
        Array.Clear(_entries, 0, _used);
        _used = 0;
        _free = _lruHead = _lruTail = _dirtyHead = _dirtyTail = None;
        DirtyCount = 0;
        SizeBytes = 0;
    }

    /// <summary>The entry of <paramref name="key"/>, added when absent; it becomes dirty and the most recently used.</summary>
    private ref Entry Upsert(TKey key)
    {
        if (_index.TryGetValue(key, out var slot))
        {
            Touch(slot);
        }
        else
        {
            slot = NewSlot();
            ref var created = ref _entries[slot];
            created.Key = key;
            created.FixedBytes = EntryOverheadBytes + keyBytes(key);
            created.DirtyPrev = created.DirtyNext = None;
            SizeBytes += created.FixedBytes;
            _index.Add(key, slot);
            LinkLast(slot);
        }

        MarkDirty(slot);
        return ref _entries[slot];
    }

    private int NewSlot()
    {
        if (_free != None)
        {
            var slot = _free;
            _free = _entries[slot].Next;
            return slot;
        }

        if (_used == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        return _used++;
    }

    private void Touch(int slot)
    {
        if (slot != _lruTail)
        {
            Unlink(slot);
            LinkLast(slot);
        }
    }

    private void LinkLast(int slot)
    {
        ref var entry = ref _entries[slot];
        entry.Prev = _lruTail;
        entry.Next = None;
        if (_lruTail == None)
        {
            _lruHead = slot;
        }
        else
        {
            _entries[_lruTail].Next = slot;
        }

        _lruTail = slot;
    }

    private void Unlink(int slot)
    {
        ref var entry = ref _entries[slot];
        if (entry.Prev == None)
        {
            _lruHead = entry.Next;
        }
        else
        {
            _entries[entry.Prev].Next = entry.Next;
        }

        if (entry.Next == None)
        {
            _lruTail = entry.Prev;
        }
        else
        {
            _entries[entry.Next].Prev = entry.Prev;
        }
    }

    private void MarkDirty(int slot)
    {
        ref var entry = ref _entries[slot];
        if (entry.Dirty)
        {
            return;
        }

        entry.Dirty = true;
        entry.DirtyPrev = _dirtyTail;
        entry.DirtyNext = None;
        if (_dirtyTail == None)
        {
            _dirtyHead = slot;
        }
        else
        {
            _entries[_dirtyTail].DirtyNext = slot;
        }

        _dirtyTail = slot;
        DirtyCount++;
    }

    private void MarkClean(int slot)
    {
        ref var entry = ref _entries[slot];
        if (!entry.Dirty)
        {
            return;
        }

        if (entry.DirtyPrev == None)
        {
            _dirtyHead = entry.DirtyNext;
        }
        else
        {
            _entries[entry.DirtyPrev].DirtyNext = entry.DirtyNext;
        }

        if (entry.DirtyNext == None)
        {
            _dirtyTail = entry.DirtyPrev;
        }
        else
        {
            _entries[entry.DirtyNext].DirtyPrev = entry.DirtyPrev;
        }

        entry.Dirty = false;
        DirtyCount--;
    }

    private struct Entry
    {
        public TKey Key;
        public byte[]? Value;
        public int FixedBytes;
        public int Prev;
        public int Next;
        public int DirtyPrev;
        public int DirtyNext;
        public bool Dirty;

        /// <summary>Whether <see cref="Value"/> was handed out (or given in), so it must not be overwritten in place.</summary>
        public bool Shared;
    }
}
