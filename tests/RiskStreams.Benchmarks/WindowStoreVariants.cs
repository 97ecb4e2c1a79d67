using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Benchmarks;

/// <summary>
/// The store variants of <c>inproc-window</c>: in memory and RocksDB, each plain and behind the record cache (Kafka
/// Streams' <c>cache.max.bytes.buffering</c>), which coalesces repeated updates of a window into one store and
/// changelog write per commit. Changelogging is on in every variant.
/// </summary>
internal static class WindowStoreVariants
{
    /// <summary>Cache budget of the cached variants, per store and task (Kafka's default is 10 MB per instance).</summary>
    private const long CacheBytes = 32L * 1024 * 1024;

    public static WindowStoreVariant InMemory { get; } = new("in-memory",
        static (name, retention, size) => Materialized.As<string, CountSum>(Stores.InMemoryWindowStore(name, retention, size, retainDuplicates: false)));

    public static WindowStoreVariant RocksDb { get; } = new("rocksdb",
        static (name, retention, size) => Materialized.As<string, CountSum>(Stores.PersistentWindowStore(name, retention, size, retainDuplicates: false)));

    public static WindowStoreVariant InMemoryCached { get; } = new("in-memory-cached",
        static (name, retention, size) => Materialized.As<string, CountSum>(Stores.InMemoryWindowStore(name, retention, size, retainDuplicates: false)).WithCachingEnabled())
    {
        CacheMaxBytes = CacheBytes,
    };

    public static WindowStoreVariant RocksDbCached { get; } = new("rocksdb-cached",
        static (name, retention, size) => Materialized.As<string, CountSum>(Stores.PersistentWindowStore(name, retention, size, retainDuplicates: false)).WithCachingEnabled())
    {
        CacheMaxBytes = CacheBytes,
    };

    public static IReadOnlyList<WindowStoreVariant> All { get; } = [InMemory, RocksDb, InMemoryCached, RocksDbCached];
}
