using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

/// <summary>How a table or aggregation is stored: store name, serdes, supplier, changelog, retention.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed partial record Materialized<TKey, TValue>
{
    /// <summary>Store name (queryable); generated when null.</summary>
    public string? StoreName { get; init; }

    /// <summary>Key serde of the store.</summary>
    public Serde<TKey>? KeySerde { get; init; }

    /// <summary>Value serde of the store.</summary>
    public Serde<TValue>? ValueSerde { get; init; }

    /// <summary>Key-value bytes store to use; in-memory when null.</summary>
    public IKeyValueBytesStoreSupplier? KeyValueStoreSupplier { get; init; }

    /// <summary>Whether the store has a changelog topic (default true).</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary>
    /// Whether a key-value or window store gets a record cache (default false): updates of a key are coalesced there and
    /// reach the changelog and the store once per commit; its size is <see cref="StreamsOptions.CacheMaxBytesBuffering"/>
    /// (0 = no cache). Records sent downstream are the same either way.
    /// </summary>
    public bool CachingEnabled { get; init; }

    /// <summary>How long windowed stores keep windows; null = window size + grace.</summary>
    public TimeSpan? Retention { get; init; }

    /// <summary>With a key serde.</summary>
    public Materialized<TKey, TValue> WithKeySerde(Serde<TKey> serde) => this with { KeySerde = serde };

    /// <summary>With a value serde.</summary>
    public Materialized<TKey, TValue> WithValueSerde(Serde<TValue> serde) => this with { ValueSerde = serde };

    /// <summary>Without a changelog topic.</summary>
    public Materialized<TKey, TValue> WithLoggingDisabled() => this with { LoggingEnabled = false };

    /// <summary>With a record cache (see <see cref="CachingEnabled"/>).</summary>
    public Materialized<TKey, TValue> WithCachingEnabled() => this with { CachingEnabled = true };

    /// <summary>Without a record cache.</summary>
    public Materialized<TKey, TValue> WithCachingDisabled() => this with { CachingEnabled = false };

    /// <summary>With a retention for windowed stores.</summary>
    public Materialized<TKey, TValue> WithRetention(TimeSpan retention) => this with { Retention = retention };
}

/// <summary>Factories of <see cref="Materialized{TKey, TValue}"/>.</summary>
public static partial class Materialized
{
    /// <summary>A store with this name.</summary>
    public static Materialized<TKey, TValue> As<TKey, TValue>(string storeName) => new() { StoreName = storeName };

    /// <summary>A store from this supplier (its name is the store name).</summary>
    public static Materialized<TKey, TValue> As<TKey, TValue>(IKeyValueBytesStoreSupplier supplier) =>
        new() { StoreName = supplier.Name, KeyValueStoreSupplier = supplier };

    /// <summary>An unnamed store with these serdes.</summary>
    public static Materialized<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) =>
        new() { KeySerde = keySerde, ValueSerde = valueSerde };
}
