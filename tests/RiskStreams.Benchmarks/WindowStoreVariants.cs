using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Benchmarks;

/// <summary>
/// The store variants of <c>inproc-window</c>. RocksDB and the record cache are built in parallel branches: plug them in
/// here when they land (replace the null materializer; nothing else in the harness changes).
/// </summary>
internal static class WindowStoreVariants
{
    public static WindowStoreVariant InMemory { get; } = new("in-memory",
        static (name, retention, size) => Materialized.As<string, CountSum>(Stores.InMemoryWindowStore(name, retention, size, retainDuplicates: false)));

    // When Stores.PersistentWindowStore lands: static (name, retention, size) => Materialized.As<string, CountSum>(Stores.PersistentWindowStore(name, retention, size, retainDuplicates: false)).
    public static WindowStoreVariant RocksDb { get; } = new("rocksdb", null,
        "no persistent (RocksDB) window store in this build yet (Stores.PersistentWindowStore comes with the RocksDB work)");

    // When the record cache lands: the in-memory store with caching enabled (Kafka Streams' cache.max.bytes.buffering).
    public static WindowStoreVariant InMemoryCached { get; } = new("in-memory-cached", null,
        "no record cache (cache.max.bytes.buffering) in this build yet");

    public static IReadOnlyList<WindowStoreVariant> All { get; } = [InMemory, RocksDb, InMemoryCached];
}
