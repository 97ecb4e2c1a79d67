using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.Internal.Windowing;

namespace RiskStreams.Streams.State;

public static partial class Stores
{
    /// <summary>
    /// An in-memory window store keeping windows for <paramref name="retentionPeriod"/> after the largest
    /// window start written (restored in full from its changelog after a restart).
    /// </summary>
    /// <param name="name">Store name.</param>
    /// <param name="retentionPeriod">How long windows are kept; at least <paramref name="windowSize"/>.</param>
    /// <param name="windowSize">Size of the windows.</param>
    /// <param name="retainDuplicates">Whether every put is kept as its own entry instead of replacing the key's value.</param>
    public static IWindowBytesStoreSupplier InMemoryWindowStore(string name, TimeSpan retentionPeriod, TimeSpan windowSize, bool retainDuplicates)
    {
        var (retentionMs, sizeMs) = WindowStoreTimes(name, retentionPeriod, windowSize);
        return new InMemoryWindowBytesStoreSupplier(name, retentionMs, sizeMs, retainDuplicates);
    }

    /// <summary>
    /// A persistent window store on RocksDB in the task's state directory, keeping windows for
    /// <paramref name="retentionPeriod"/> after the largest window start written; the same semantics as
    /// <see cref="InMemoryWindowStore"/>, with state that survives a restart and need not fit in memory.
    /// </summary>
    /// <param name="name">Store name (also its directory name).</param>
    /// <param name="retentionPeriod">How long windows are kept; at least <paramref name="windowSize"/>.</param>
    /// <param name="windowSize">Size of the windows.</param>
    /// <param name="retainDuplicates">Whether every put is kept as its own entry instead of replacing the key's value.</param>
    public static IWindowBytesStoreSupplier PersistentWindowStore(string name, TimeSpan retentionPeriod, TimeSpan windowSize, bool retainDuplicates)
    {
        var (retentionMs, sizeMs) = WindowStoreTimes(name, retentionPeriod, windowSize);
        return new RocksDbWindowBytesStoreSupplier(name, retentionMs, sizeMs, retainDuplicates);
    }

    /// <summary>A typed window store builder over <paramref name="supplier"/>, change-logged by default.</summary>
    public static WindowStoreBuilder<TKey, TValue> WindowStoreBuilder<TKey, TValue>(IWindowBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(keySerde);
        ArgumentNullException.ThrowIfNull(valueSerde);
        return new WindowStoreBuilder<TKey, TValue>(supplier, keySerde, valueSerde, loggingEnabled: true, timestamped: false);
    }

    private static (long RetentionMs, long SizeMs) WindowStoreTimes(string name, TimeSpan retentionPeriod, TimeSpan windowSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var retentionMs = WindowTime.Milliseconds(retentionPeriod, nameof(retentionPeriod));
        var sizeMs = WindowTime.Milliseconds(windowSize, nameof(windowSize));
        if (retentionMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(retentionPeriod), retentionPeriod, $"Window store '{name}': retention period must not be negative.");
        }

        if (sizeMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSize), windowSize, $"Window store '{name}': window size must not be negative.");
        }

        if (sizeMs > retentionMs)
        {
            throw new ArgumentException(
                $"Window store '{name}': the retention period ({retentionMs} ms) must be no smaller than the window size ({sizeMs} ms).", nameof(retentionPeriod));
        }

        return (retentionMs, sizeMs);
    }
}
