using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed key-value stores: serdes on top, a record cache (when enabled), change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class KeyValueStoreBuilder<TKey, TValue> : StoreBuilder<TKey, TValue>
{
    private readonly IKeyValueBytesStoreSupplier _supplier;

    internal KeyValueStoreBuilder(IKeyValueBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled, bool cachingEnabled = false)
        : base(supplier.Name, keySerde, valueSerde, loggingEnabled)
    {
        _supplier = supplier;
        CachingEnabled = cachingEnabled;
    }

    /// <summary>Whether the built stores get a record cache (sized by <see cref="StreamsOptions.CacheMaxBytesBuffering"/>).</summary>
    public bool CachingEnabled { get; }

    /// <summary>The same builder without a changelog.</summary>
    public KeyValueStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(_supplier, KeySerdeForTable, ValueSerdeForTable, loggingEnabled: false, CachingEnabled);

    /// <summary>The same builder with a record cache that coalesces updates of a key until the next commit.</summary>
    public KeyValueStoreBuilder<TKey, TValue> WithCachingEnabled() => new(_supplier, KeySerdeForTable, ValueSerdeForTable, LoggingEnabled, cachingEnabled: true);

    /// <summary>A new store for one task.</summary>
    public IKeyValueStore<TKey, TValue> Build()
    {
        var inner = _supplier.Get();
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingKeyValueBytesStore(inner);
        }

        if (CachingEnabled)
        {
            inner = new CachingKeyValueBytesStore(inner);
        }

        return new TypedKeyValueStore<TKey, TValue>(inner, KeySerdeForTable, ValueSerdeForTable);
    }

    private protected override IStateStore BuildStore() => Build();
}
