using System.Buffers.Binary;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>The record cache between the typed and change-logging layers: coalescing, read-your-writes, eviction, flush.</summary>
public sealed class CachingStoreTests : IDisposable
{
    private const long LargeCache = 1024 * 1024;
    private readonly List<IStateStore> _opened = [];
    private readonly List<StoreTestContext> _contexts = [];

    [Theory]
    [InlineData("in-memory")]
    [InlineData("rocksdb")]
    public void Many_writes_to_one_key_reach_the_changelog_as_one_record_at_flush(string kind)
    {
        var (store, context) = OpenKeyValue(kind, LargeCache);
        for (var i = 1; i <= 100; i++)
        {
            store.Put("k", i);
        }

        Assert.Empty(context.Changes);
        Assert.True(store.TryGet("k", out var cached));
        Assert.Equal(100, cached);

        store.Flush();
        var change = Assert.Single(context.Changes);
        Assert.Equal("k"u8.ToArray(), change.Key);
        Assert.Equal(100, Serdes.Long.Deserialize("t", change.Value, false));

        store.Flush();
        Assert.Single(context.Changes);
    }

    [Fact]
    public void Reads_see_cached_puts_and_deletes_and_ranges_see_them_in_key_order()
    {
        var (store, context) = OpenKeyValue("rocksdb", LargeCache);
        store.Put("b", 2);
        store.Put("a", 1);
        store.Put("c", 3);
        Assert.True(store.Delete("c"));
        Assert.False(store.TryGet("c", out _));
        Assert.False(store.Delete("c"));
        Assert.Equal(["a=1", "b=2"], store.All().Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal(2, store.ApproximateCount);

        // Reads write nothing; the flush writes a, b, then c's put and delete coalesced into one delete.
        Assert.Empty(context.Changes);
        store.Flush();
        Assert.Equal(["b=2", "a=1", "c=null"], Changes(context));
    }

    [Fact]
    public void Range_and_count_merge_cached_changes_over_the_store_without_writing()
    {
        var (store, context) = OpenKeyValue("rocksdb", LargeCache);
        store.Put("a", 1);
        store.Put("b", 2);
        store.Put("d", 4);
        store.Flush();
        var flushed = context.Changes.Count;

        store.Put("b", 20);   // replaces a stored entry
        store.Delete("d");    // hides one
        store.Put("c", 3);    // adds one between
        store.Put("e", 5);    // and one after the last stored key

        Assert.Equal(["a=1", "b=20", "c=3", "e=5"], store.All().Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal(["b=20", "c=3"], store.Range("b", "c").Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal(4, store.ApproximateCount);
        Assert.Equal(flushed, context.Changes.Count);
    }

    [Fact]
    public void Window_range_reads_merge_cached_windows_without_writing()
    {
        var (store, context) = OpenWindow(LargeCache, retentionMs: 100);
        store.Put("k", 1, 0);
        store.Put("k", 2, 20);
        store.Put("j", 7, 10);
        store.Flush();
        var flushed = context.Changes.Count;

        store.Put("k", 10, 0);  // replaces a stored window
        store.Put("k", 3, 10);  // adds one between
        store.Put("j", 8, 10);  // replaces another key's window at the same start

        Assert.Equal([KeyValuePair.Create(0L, 10L), KeyValuePair.Create(10L, 3L), KeyValuePair.Create(20L, 2L)], store.Fetch("k", 0, 100));
        Assert.Equal([KeyValuePair.Create(20L, 2L), KeyValuePair.Create(10L, 3L), KeyValuePair.Create(0L, 10L)], store.BackwardFetch("k", 0, 100));
        Assert.Equal(["k@0=10", "j@10=8", "k@10=3", "k@20=2"], store.FetchAll(0, 100).Select(e => $"{e.Key.Key}@{e.Key.Window.StartMs}={e.Value}"));
        Assert.Equal(flushed, context.Changes.Count);
    }

    [Fact]
    public void Eviction_writes_the_least_recently_used_dirty_entries_through_when_over_budget()
    {
        // Each entry counts about 100 bytes (key, 8-byte value, overhead): a 250-byte budget holds two.
        var (store, context) = OpenKeyValue("rocksdb", 250);
        store.Put("a", 1);
        store.Put("b", 2);
        Assert.Empty(context.Changes);

        store.TryGet("a", out _); // a is now more recently used than b
        store.Put("c", 3);
        Assert.Equal(["b=2"], Changes(context));
        store.Put("a", 10);
        store.Put("d", 4);
        Assert.Equal(["b=2", "c=3"], Changes(context));

        store.Flush();
        Assert.Equal(["b=2", "c=3", "a=10", "d=4"], Changes(context));
        Assert.True(store.TryGet("b", out var b));
        Assert.Equal(2, b);
    }

    [Fact]
    public void Without_a_budget_every_write_goes_straight_through()
    {
        var (store, context) = OpenKeyValue("in-memory", 0);
        store.Put("k", 1);
        store.Put("k", 2);
        Assert.Equal(["k=1", "k=2"], Changes(context));
    }

    [Fact]
    public void Window_cache_coalesces_per_window_and_reads_see_it()
    {
        var (store, context) = OpenWindow(LargeCache, retentionMs: 100);
        for (var i = 1; i <= 10; i++)
        {
            store.Put("k", i, 0);
            store.Put("k", i * 10, 10);
        }

        Assert.Empty(context.Changes);
        Assert.Equal(10, store.Fetch("k", 0));
        Assert.Equal(100, store.Fetch("k", 10));

        store.Flush();
        Assert.Equal(2, context.Changes.Count);
        Assert.Equal([KeyValuePair.Create(0L, 10L), KeyValuePair.Create(10L, 100L)], store.Fetch("k", 0, 100));
    }

    [Fact]
    public void Window_cache_expires_windows_like_the_store_and_does_not_write_expired_ones_through()
    {
        var (store, context) = OpenWindow(LargeCache, retentionMs: 30);
        store.Put("k", 1, 0);
        store.Put("k", 2, 40); // observed 40: start 0 is expired before it was ever written through
        Assert.Equal(0, store.Fetch("k", 0));
        Assert.False(((IReadOnlyWindowStore<string, long>)store).TryFetch("k", 0, out _));
        store.Put("k", 3, 5);
        Assert.False(((IReadOnlyWindowStore<string, long>)store).TryFetch("k", 5, out _));

        store.Flush();
        var change = Assert.Single(context.Changes);
        Assert.Equal(40, BinaryPrimitives.ReadInt64BigEndian(change.Key.AsSpan(1)));
        Assert.Equal([KeyValuePair.Create(40L, 2L)], store.Fetch("k", 0, 100));
    }

    [Fact]
    public void Caching_option_must_not_be_negative()
    {
        var options = new StreamsOptions { ApplicationId = "app", BootstrapServers = "localhost:9092", CacheMaxBytesBuffering = -1 };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(nameof(StreamsOptions.CacheMaxBytesBuffering), error.ParamName);
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Close();
        }

        foreach (var context in _contexts)
        {
            context.Dispose();
        }
    }

    private (IKeyValueStore<string, long> Store, StoreTestContext Context) OpenKeyValue(string kind, long cacheBytes)
    {
        var supplier = kind == "rocksdb" ? Stores.PersistentKeyValueStore("cached") : Stores.InMemoryKeyValueStore("cached");
        var store = Stores.KeyValueStoreBuilder(supplier, Serdes.String, Serdes.Long).WithCachingEnabled().Build();
        return (store, Init(store, cacheBytes));
    }

    private (IWindowStore<string, long> Store, StoreTestContext Context) OpenWindow(long cacheBytes, long retentionMs)
    {
        var supplier = Stores.PersistentWindowStore("cached-windows", TimeSpan.FromMilliseconds(retentionMs), TimeSpan.FromMilliseconds(10), false);
        var store = Stores.WindowStoreBuilder(supplier, Serdes.String, Serdes.Long).WithCachingEnabled().Build();
        return (store, Init(store, cacheBytes));
    }

    private StoreTestContext Init(IStateStore store, long cacheBytes)
    {
        var context = new StoreTestContext(cacheBytes);
        _contexts.Add(context);
        store.Init(context);
        _opened.Add(store);
        return context;
    }

    private static List<string> Changes(StoreTestContext context) =>
        context.Changes.Select(c => $"{System.Text.Encoding.UTF8.GetString(c.Key)}={(c.Value is null ? "null" : Serdes.Long.Deserialize("t", c.Value, false))}").ToList();
}
