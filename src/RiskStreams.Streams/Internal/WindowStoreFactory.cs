using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.Internal.Windowing;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal;

/// <summary>
/// Turns <see cref="Materialized{TKey, TValue}"/> into the store of a windowed aggregation, checking at
/// topology-building time that the store keeps windows long enough and fits the windows.
/// </summary>
internal static class WindowStoreFactory
{
    /// <param name="storeName">Store name (named in every error).</param>
    /// <param name="materialized">The user's options.</param>
    /// <param name="keySerde">Key serde known from the grouping, if any.</param>
    /// <param name="valueSerde">Aggregate serde known from the operation, if any.</param>
    /// <param name="windowSizeMs">Size of the stored windows.</param>
    /// <param name="minRetentionMs">Smallest retention the aggregation needs.</param>
    /// <param name="minRetentionText">How that minimum is computed, for the error message.</param>
    public static WindowStoreBuilder<TKey, TAggregate> Timestamped<TKey, TAggregate>(
        string storeName, Materialized<TKey, TAggregate> materialized, Serde<TKey>? keySerde, Serde<TAggregate>? valueSerde,
        long windowSizeMs, long minRetentionMs, string minRetentionText)
    {
        if (materialized.KeyValueStoreSupplier is not null || materialized.SessionStoreSupplier is not null)
        {
            throw new ArgumentException($"Windowed store '{storeName}' needs a window store supplier; Materialized names a key-value or session store supplier.", nameof(materialized));
        }

        IWindowBytesStoreSupplier supplier;
        if (materialized.WindowStoreSupplier is { } given)
        {
            if (given.WindowSizeMs != windowSizeMs)
            {
                throw new ArgumentException(
                    $"Window store '{storeName}' has window size {given.WindowSizeMs} ms; the aggregation's windows are {windowSizeMs} ms.", nameof(materialized));
            }

            if (given.RetainDuplicates)
            {
                throw new ArgumentException($"Window store '{storeName}' retains duplicates; an aggregation keeps one value per key and window.", nameof(materialized));
            }

            CheckRetention(storeName, given.RetentionPeriodMs, minRetentionMs, minRetentionText);
            supplier = given;
        }
        else
        {
            var retention = materialized.Retention is { } r ? WindowTime.Milliseconds(r, nameof(materialized)) : minRetentionMs;
            CheckRetention(storeName, retention, minRetentionMs, minRetentionText);
            supplier = materialized.StoreType == StoreType.RocksDb
                ? new RocksDbWindowBytesStoreSupplier(storeName, retention, windowSizeMs, retainDuplicates: false)
                : new InMemoryWindowBytesStoreSupplier(storeName, retention, windowSizeMs, retainDuplicates: false);
        }

        var key = materialized.KeySerde ?? keySerde ?? throw StoreFactory.MissingSerde(storeName, "key");
        var value = materialized.ValueSerde ?? valueSerde ?? throw StoreFactory.MissingSerde(storeName, "value");
        var builder = new WindowStoreBuilder<TKey, TAggregate>(supplier, key, value, loggingEnabled: true, timestamped: true, materialized.CachingEnabled);
        return materialized.LoggingEnabled ? builder : builder.WithLoggingDisabled();
    }

    public static void CheckRetention(string storeName, long retentionMs, long minRetentionMs, string minRetentionText)
    {
        if (retentionMs < minRetentionMs)
        {
            throw new ArgumentException(
                $"The retention period of window store '{storeName}' ({retentionMs} ms) must be no smaller than {minRetentionText} ({minRetentionMs} ms).");
        }
    }
}
