using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed window stores: serdes on top, change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class WindowStoreBuilder<TKey, TValue> : IStoreBuilder
{
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TValue> _valueSerde;
    private readonly bool _timestamped;

    internal WindowStoreBuilder(IWindowBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled, bool timestamped)
    {
        Supplier = supplier;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
        LoggingEnabled = loggingEnabled;
        _timestamped = timestamped;
    }

    /// <inheritdoc />
    public string Name => Supplier.Name;

    /// <inheritdoc />
    public bool LoggingEnabled { get; }

    /// <summary>How long the built stores keep windows, in milliseconds.</summary>
    public long RetentionPeriodMs => Supplier.RetentionPeriodMs;

    internal IWindowBytesStoreSupplier Supplier { get; }

    internal Serde<TKey> KeySerdeForTable => _keySerde;

    internal Serde<TValue> ValueSerdeForTable => _valueSerde;

    /// <summary>The same builder without a changelog.</summary>
    public WindowStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(Supplier, _keySerde, _valueSerde, loggingEnabled: false, _timestamped);

    /// <inheritdoc />
    IStateStore IStoreBuilder.Build() => Build();

    /// <summary>A new store for one task.</summary>
    public IWindowStore<TKey, TValue> Build()
    {
        var inner = Supplier.Get();
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingWindowBytesStore(inner);
        }

        return new TypedWindowStore<TKey, TValue>(inner, _keySerde, _valueSerde, _timestamped);
    }
}
