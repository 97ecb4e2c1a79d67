using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed key-value stores: serdes on top, change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class KeyValueStoreBuilder<TKey, TValue> : StoreBuilder<TKey, TValue>
{
    private readonly IKeyValueBytesStoreSupplier _supplier;

    internal KeyValueStoreBuilder(IKeyValueBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled)
        : base(supplier.Name, keySerde, valueSerde, loggingEnabled) => _supplier = supplier;

    /// <summary>The same builder without a changelog.</summary>
    public KeyValueStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(_supplier, KeySerdeForTable, ValueSerdeForTable, loggingEnabled: false);

    /// <summary>A new store for one task.</summary>
    public IKeyValueStore<TKey, TValue> Build()
    {
        var inner = _supplier.Get();
        return new TypedKeyValueStore<TKey, TValue>(LoggingEnabled ? new ChangeLoggingKeyValueBytesStore(inner) : inner, KeySerdeForTable, ValueSerdeForTable);
    }

    private protected override IStateStore BuildStore() => Build();
}
