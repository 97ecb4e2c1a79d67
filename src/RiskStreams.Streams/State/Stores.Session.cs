using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.Internal.Windowing;

namespace RiskStreams.Streams.State;

public static partial class Stores
{
    /// <summary>An in-memory session store keeping sessions for <paramref name="retentionPeriod"/> after the largest session end written.</summary>
    public static ISessionBytesStoreSupplier InMemorySessionStore(string name, TimeSpan retentionPeriod) =>
        new InMemorySessionBytesStoreSupplier(name, SessionRetention(name, retentionPeriod));

    /// <summary>
    /// A persistent session store on RocksDB in the task's state directory, keeping sessions for
    /// <paramref name="retentionPeriod"/> after the largest session end written; the same semantics as
    /// <see cref="InMemorySessionStore"/>, with state that survives a restart.
    /// </summary>
    public static ISessionBytesStoreSupplier PersistentSessionStore(string name, TimeSpan retentionPeriod) =>
        new RocksDbSessionBytesStoreSupplier(name, SessionRetention(name, retentionPeriod));

    /// <summary>A typed session store builder over <paramref name="supplier"/>, change-logged by default.</summary>
    public static SessionStoreBuilder<TKey, TAggregate> SessionStoreBuilder<TKey, TAggregate>(ISessionBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TAggregate> valueSerde)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        return new SessionStoreBuilder<TKey, TAggregate>(supplier, keySerde, valueSerde, loggingEnabled: true);
    }

    private static long SessionRetention(string name, TimeSpan retentionPeriod)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var retentionMs = WindowTime.Milliseconds(retentionPeriod, nameof(retentionPeriod));
        if (retentionMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionPeriod), retentionPeriod, $"Session store '{name}': retention period must not be negative.");
        }

        return retentionMs;
    }
}
