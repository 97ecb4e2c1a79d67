using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed window stores: serdes on top, change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class WindowStoreBuilder<TKey, TValue> : StoreBuilder<TKey, TValue>
{
    private readonly bool _timestamped;

    internal WindowStoreBuilder(IWindowBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled, bool timestamped)
        : base(supplier.Name, keySerde, valueSerde, loggingEnabled)
    {
        Supplier = supplier;
        _timestamped = timestamped;
    }

    /// <summary>How long the built stores keep windows, in milliseconds.</summary>
    public long RetentionPeriodMs => Supplier.RetentionPeriodMs;

    internal IWindowBytesStoreSupplier Supplier { get; }

    /// <summary>The same builder without a changelog.</summary>
    public WindowStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(Supplier, KeySerdeForTable, ValueSerdeForTable, loggingEnabled: false, _timestamped);

    /// <summary>A new store for one task.</summary>
    public IWindowStore<TKey, TValue> Build()
    {
        var inner = Supplier.Get();
        return new TypedWindowStore<TKey, TValue>(LoggingEnabled ? new ChangeLoggingWindowBytesStore(inner) : inner, KeySerdeForTable, ValueSerdeForTable, _timestamped);
    }

    private protected override IStateStore BuildStore() => Build();
}
