using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed window stores: serdes on top, a record cache (when enabled), change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class WindowStoreBuilder<TKey, TValue> : StoreBuilder<TKey, TValue>
{
    private readonly bool _timestamped;

    internal WindowStoreBuilder(
        IWindowBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled, bool timestamped, bool cachingEnabled = false)
        : base(supplier.Name, keySerde, valueSerde, loggingEnabled)
    {
        Supplier = supplier;
        _timestamped = timestamped;
        CachingEnabled = cachingEnabled;
    }

    /// <summary>Whether the built stores get a record cache (sized by <see cref="StreamsOptions.CacheMaxBytesBuffering"/>).</summary>
    public bool CachingEnabled { get; }

    /// <summary>How long the built stores keep windows, in milliseconds.</summary>
    public long RetentionPeriodMs => Supplier.RetentionPeriodMs;

    internal IWindowBytesStoreSupplier Supplier { get; }

    /// <summary>The same builder without a changelog.</summary>
    public WindowStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(Supplier, KeySerdeForTable, ValueSerdeForTable, loggingEnabled: false, _timestamped, CachingEnabled);

    /// <summary>The same builder with a record cache that coalesces updates of a key's window until the next commit (not for stores retaining duplicates).</summary>
    public WindowStoreBuilder<TKey, TValue> WithCachingEnabled() => new(Supplier, KeySerdeForTable, ValueSerdeForTable, LoggingEnabled, _timestamped, cachingEnabled: true);

    /// <summary>A new store for one task.</summary>
    public IWindowStore<TKey, TValue> Build()
    {
        var inner = Supplier.Get();
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingWindowBytesStore(inner);
        }

        if (CachingEnabled)
        {
            inner = new CachingWindowBytesStore(inner);
        }

        return new TypedWindowStore<TKey, TValue>(inner, KeySerdeForTable, ValueSerdeForTable, _timestamped);
    }

    private protected override IStateStore BuildStore() => Build();
}
