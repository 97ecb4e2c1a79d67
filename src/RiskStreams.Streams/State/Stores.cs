using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Factories of store suppliers and builders.</summary>
public static partial class Stores
{
    /// <summary>An in-memory key-value store (restored in full from its changelog after a restart).</summary>
    public static IKeyValueBytesStoreSupplier InMemoryKeyValueStore(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new InMemoryKeyValueBytesStoreSupplier(name);
    }

    /// <summary>
    /// A persistent key-value store on RocksDB in the task's state directory (<c>{StateDirectory}/{name}</c>): the same
    /// semantics as <see cref="InMemoryKeyValueStore"/>, with state that survives a restart and need not fit in memory.
    /// </summary>
    public static IKeyValueBytesStoreSupplier PersistentKeyValueStore(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new RocksDbKeyValueBytesStoreSupplier(name);
    }

    /// <summary>A typed key-value store builder over <paramref name="supplier"/>, change-logged by default.</summary>
    public static KeyValueStoreBuilder<TKey, TValue> KeyValueStoreBuilder<TKey, TValue>(IKeyValueBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        return new KeyValueStoreBuilder<TKey, TValue>(supplier, keySerde, valueSerde, loggingEnabled: true);
    }
}
