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

    /// <summary>A typed key-value store builder over <paramref name="supplier"/>, change-logged by default.</summary>
    public static KeyValueStoreBuilder<TKey, TValue> KeyValueStoreBuilder<TKey, TValue>(IKeyValueBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        return new KeyValueStoreBuilder<TKey, TValue>(supplier, keySerde, valueSerde, loggingEnabled: true);
    }
}
