using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal;

/// <summary>Turns <see cref="Materialized{TKey, TValue}"/> into store builders, failing early on missing serdes.</summary>
internal static class StoreFactory
{
    public static KeyValueStoreBuilder<TKey, TValue> KeyValue<TKey, TValue>(string name, Materialized<TKey, TValue>? materialized, Serde<TKey>? keySerde, Serde<TValue>? valueSerde)
    {
        if (materialized?.VersionedStoreSupplier is not null)
        {
            throw new InvalidOperationException($"Store '{name}' cannot be versioned: only tables read with StreamsBuilder.Table support a versioned store.");
        }

        var supplier = materialized?.KeyValueStoreSupplier
            ?? (materialized?.StoreType == StoreType.RocksDb ? Stores.PersistentKeyValueStore(name) : Stores.InMemoryKeyValueStore(name));
        var key = materialized?.KeySerde ?? keySerde ?? throw MissingSerde(name, "key");
        var value = materialized?.ValueSerde ?? valueSerde ?? throw MissingSerde(name, "value");
        var builder = Stores.KeyValueStoreBuilder(supplier, key, value);
        builder = materialized is { CachingEnabled: true } ? builder.WithCachingEnabled() : builder;
        return materialized is { LoggingEnabled: false } ? builder.WithLoggingDisabled() : builder;
    }

    public static InvalidOperationException MissingSerde(string where, string which) =>
        new($"'{where}' needs a {which} serde and none is known at this point (the key or value type changed); pass one with Materialized/Grouped/Produced.With(...).");
}
