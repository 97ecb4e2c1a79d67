using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed versioned stores: serdes on top, change-logging (unless disabled), then the versioned bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class VersionedKeyValueStoreBuilder<TKey, TValue> : IStoreBuilder
{
    private readonly IVersionedBytesStoreSupplier _supplier;

    internal VersionedKeyValueStoreBuilder(IVersionedBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled)
    {
        _supplier = supplier;
        KeySerde = keySerde;
        ValueSerde = valueSerde;
        LoggingEnabled = loggingEnabled;
    }

    /// <inheritdoc />
    public string Name => _supplier.Name;

    /// <inheritdoc />
    public bool LoggingEnabled { get; }

    /// <summary>How far back in stream time versions stay readable.</summary>
    public TimeSpan HistoryRetention => _supplier.HistoryRetention;

    internal Serde<TKey> KeySerde { get; }

    internal Serde<TValue> ValueSerde { get; }

    /// <summary>The same builder without a changelog.</summary>
    public VersionedKeyValueStoreBuilder<TKey, TValue> WithLoggingDisabled() => new(_supplier, KeySerde, ValueSerde, loggingEnabled: false);

    /// <inheritdoc />
    IStateStore IStoreBuilder.Build() => Build();

    /// <summary>A new store for one task.</summary>
    public IVersionedKeyValueStore<TKey, TValue> Build()
    {
        IVersionedBytesStore inner = _supplier.Get();
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingVersionedBytesStore(inner);
        }

        return new TypedVersionedKeyValueStore<TKey, TValue>(inner, KeySerde, ValueSerde);
    }
}
