using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed session stores: serdes on top, change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TAggregate">Aggregate type.</typeparam>
public sealed class SessionStoreBuilder<TKey, TAggregate> : IStoreBuilder
{
    private readonly ISessionBytesStoreSupplier _supplier;
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TAggregate> _valueSerde;

    internal SessionStoreBuilder(ISessionBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TAggregate> valueSerde, bool loggingEnabled)
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

    internal Serde<TAggregate> ValueSerdeForTable => _valueSerde;

    /// <summary>The same builder without a changelog.</summary>
    public SessionStoreBuilder<TKey, TAggregate> WithLoggingDisabled() => new(_supplier, _keySerde, _valueSerde, loggingEnabled: false);

    /// <inheritdoc />
    IStateStore IStoreBuilder.Build() => Build();

    /// <summary>A new store for one task.</summary>
    public ISessionStore<TKey, TAggregate> Build()
    {
        var inner = _supplier.Get();
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingSessionBytesStore(inner);
        }

        return new TypedSessionStore<TKey, TAggregate>(inner, _keySerde, _valueSerde);
    }
}
