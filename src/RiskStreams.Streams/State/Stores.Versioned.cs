using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

public static partial class Stores
{
    /// <summary>
    /// An in-memory versioned key-value store keeping every version within <paramref name="historyRetention"/> of
    /// stream time (restored in full from its changelog after a restart). Writes older than the retention are ignored.
    /// </summary>
    public static IVersionedBytesStoreSupplier InMemoryVersionedKeyValueStore(string name, TimeSpan historyRetention)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(historyRetention, TimeSpan.Zero);
        return new InMemoryVersionedBytesStoreSupplier(name, historyRetention);
    }

    /// <summary>A typed versioned store builder over <paramref name="supplier"/>, change-logged by default.</summary>
    public static VersionedKeyValueStoreBuilder<TKey, TValue> VersionedKeyValueStoreBuilder<TKey, TValue>(
        IVersionedBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        return new VersionedKeyValueStoreBuilder<TKey, TValue>(supplier, keySerde, valueSerde, loggingEnabled: true);
    }
}
