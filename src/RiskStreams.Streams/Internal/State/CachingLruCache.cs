namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// The record cache of one caching store layer: entries (a null value is a cached delete) in least-recently-used
/// order, each dirty until written through, sized in bytes. The layer owning it decides when to evict and where
/// evicted or flushed dirty entries go.
/// </summary>
/// <typeparam name="TKey">Cache key (bytes key, or bytes key and window start).</typeparam>
internal sealed class CachingLruCache<TKey>(IEqualityComparer<TKey> comparer, Func<TKey, int> keyBytes)
    where TKey : notnull
{
    /// <summary>Bytes counted per entry beside its key and value: the map slot, the list node and the entry object.</summary>
    private const int EntryOverheadBytes = 96;
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = new(comparer);
    private readonly LinkedList<Entry> _lru = new();
    private readonly LinkedList<Entry> _dirty = new();

    public long SizeBytes { get; private set; }

    public int Count => _entries.Count;

    public int DirtyCount => _dirty.Count;

    /// <summary>Whether the cache knows <paramref name="key"/>; its value (null when deleted) then, and it becomes the most recently used.</summary>
    public bool TryGet(TKey key, out byte[]? value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _lru.Remove(node);
            _lru.AddLast(node);
            value = node.Value.Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Sets <paramref name="key"/> as a dirty entry, the most recently used.</summary>
    public void Put(TKey key, byte[]? value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            var entry = node.Value;
            SizeBytes += (value?.Length ?? 0) - (entry.Value?.Length ?? 0);
            entry.Value = value;
            MarkDirty(entry);
            _lru.Remove(node);
            _lru.AddLast(node);
            return;
        }

        var added = new Entry(key, value, EntryOverheadBytes + keyBytes(key));
        SizeBytes += added.FixedBytes + (value?.Length ?? 0);
        _entries.Add(key, _lru.AddLast(added));
        MarkDirty(added);
    }

    /// <summary>Removes the least recently used entry; true with it when there was one (written through by the caller when dirty).</summary>
    public bool TryEvict(out TKey key, out byte[]? value, out bool dirty)
    {
        if (_lru.First is not { } node)
        {
            (key, value, dirty) = (default!, null, false);
            return false;
        }

        var entry = node.Value;
        _lru.RemoveFirst();
        _entries.Remove(entry.Key);
        SizeBytes -= entry.FixedBytes + (entry.Value?.Length ?? 0);
        (key, value, dirty) = (entry.Key, entry.Value, entry.DirtyNode is not null);
        MarkClean(entry);
        return true;
    }

    /// <summary>Hands every dirty entry to <paramref name="writeThrough"/> in the order they became dirty; they stay cached, clean.</summary>
    public void Flush(Action<TKey, byte[]?> writeThrough)
    {
        while (_dirty.First is { } node)
        {
            var entry = node.Value;
            MarkClean(entry);
            writeThrough(entry.Key, entry.Value);
        }
    }

    /// <summary>Drops every entry, dirty or not.</summary>
    public void Clear()
    {
        _entries.Clear();
        _lru.Clear();
        _dirty.Clear();
        SizeBytes = 0;
    }

    private void MarkDirty(Entry entry) => entry.DirtyNode ??= _dirty.AddLast(entry);

    private void MarkClean(Entry entry)
    {
        if (entry.DirtyNode is { } node)
        {
            _dirty.Remove(node);
            entry.DirtyNode = null;
        }
    }

    private sealed class Entry(TKey key, byte[]? value, int fixedBytes)
    {
        public TKey Key { get; } = key;

        public byte[]? Value { get; set; } = value;

        public int FixedBytes { get; } = fixedBytes;

        /// <summary>The entry's place in the dirty list; null when clean.</summary>
        public LinkedListNode<Entry>? DirtyNode { get; set; }
    }
}
