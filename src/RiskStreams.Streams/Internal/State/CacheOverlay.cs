namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Range reads of a caching store without writing anything: the store's entries with the cache's dirty entries laid
/// over them, both in the read's order. A dirty entry replaces the store's entry of the same key; a dirty delete (null
/// value) hides it. Nothing is flushed, so a read on any thread — a metrics scrape, an interactive query — never
/// writes a changelog record.
/// </summary>
internal static class CacheOverlay
{
    /// <param name="store">The store's entries, ordered by <paramref name="order"/>.</param>
    /// <param name="dirty">The cache's dirty entries in the read's range (any order; sorted here).</param>
    /// <param name="order">The read's order of keys.</param>
    public static IEnumerable<KeyValuePair<TKey, byte[]>> Merge<TKey>(IEnumerable<KeyValuePair<TKey, byte[]>> store, List<KeyValuePair<TKey, byte[]?>> dirty, IComparer<TKey> order)
    {
        if (dirty.Count == 0)
        {
            return store;
        }

        dirty.Sort((x, y) => order.Compare(x.Key, y.Key));
        return MergeSorted(store, dirty, order);
    }

    private static IEnumerable<KeyValuePair<TKey, byte[]>> MergeSorted<TKey>(IEnumerable<KeyValuePair<TKey, byte[]>> store, List<KeyValuePair<TKey, byte[]?>> dirty, IComparer<TKey> order)
    {
        var next = 0;
        foreach (var entry in store)
        {
            for (; next < dirty.Count && order.Compare(dirty[next].Key, entry.Key) < 0; next++)
            {
                if (dirty[next].Value is { } added)
                {
                    yield return new KeyValuePair<TKey, byte[]>(dirty[next].Key, added);
                }
            }

            if (next < dirty.Count && order.Compare(dirty[next].Key, entry.Key) == 0)
            {
                if (dirty[next].Value is { } replaced)
                {
                    yield return new KeyValuePair<TKey, byte[]>(entry.Key, replaced);
                }

                next++;
                continue;
            }

            yield return entry;
        }

        for (; next < dirty.Count; next++)
        {
            if (dirty[next].Value is { } added)
            {
                yield return new KeyValuePair<TKey, byte[]>(dirty[next].Key, added);
            }
        }
    }
}
