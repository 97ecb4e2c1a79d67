using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed key-value stores: serdes on top, change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class KeyValueStoreBuilder<TKey, TValue> : IStoreBuilder
{
    private readonly IKeyValueBytesStoreSupplier _supplier;
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TValue> _valueSerde;

    internal KeyValueStoreBuilder(IKeyValueBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled)
    {
        _supplier = supplier;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
        LoggingEnabled = loggingEnabled;
    }

    /// <inheritdoc />
    public string Name => _supplier.Name;

    /// <inheritdoc />
    public bool LoggingEnabled { get; }

    internal Serde<TKey> KeySerdeForTable => _keySerde;

    internal Serde<TValue> ValueSerdeForTable => _valueSerde;

    /// <summary>The same builder without a changelog.</summary>
    public KeyValueStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(_supplier, _keySerde, _valueSerde, loggingEnabled: false);

    /// <inheritdoc />
    IStateStore IStoreBuilder.Build() => Build();

    /// <summary>A new store for one task.</summary>
    public IKeyValueStore<TKey, TValue> Build()
    {
        IKeyValueBytesStore inner = _supplier.Get();
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingKeyValueBytesStore(inner);
        }

        return new TypedKeyValueStore<TKey, TValue>(inner, _keySerde, _valueSerde);
    }
}
