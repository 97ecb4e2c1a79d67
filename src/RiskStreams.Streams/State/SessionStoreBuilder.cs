using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.State;

/// <summary>Builds typed session stores: serdes on top, change-logging (unless disabled), then the bytes store.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TAggregate">Aggregate type.</typeparam>
public sealed class SessionStoreBuilder<TKey, TAggregate> : StoreBuilder<TKey, TAggregate>
{
    private readonly ISessionBytesStoreSupplier _supplier;

    internal SessionStoreBuilder(ISessionBytesStoreSupplier supplier, Serde<TKey> keySerde, Serde<TAggregate> valueSerde, bool loggingEnabled)
        : base(supplier.Name, keySerde, valueSerde, loggingEnabled) => _supplier = supplier;

    /// <summary>The same builder without a changelog.</summary>
    public SessionStoreBuilder<TKey, TAggregate> WithLoggingDisabled() => new(_supplier, KeySerdeForTable, ValueSerdeForTable, loggingEnabled: false);

    /// <summary>A new store for one task.</summary>
    public ISessionStore<TKey, TAggregate> Build()
    {
        var inner = _supplier.Get();
        return new TypedSessionStore<TKey, TAggregate>(LoggingEnabled ? new ChangeLoggingSessionBytesStore(inner) : inner, KeySerdeForTable, ValueSerdeForTable);
    }

    private protected override IStateStore BuildStore() => Build();
}
