using System.Collections.Concurrent;

namespace RiskStreams.Avro.Internal;

/// <summary>
/// A thread-safe cache that empties itself when full. Schemas and ids never change once issued,
/// so entries need no expiry; the bound only protects against unbounded growth.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    internal int Count => _entries.Count;

    internal bool TryGet(TKey key, out TValue value) => _entries.TryGetValue(key, out value!);

    internal void Add(TKey key, TValue value)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            _entries.Clear();
        }

        _entries[key] = value;
    }
}
