namespace RiskStreams.Streams.State;

/// <summary>
/// What every typed store builder shares: the store name, the serdes of the typed top layer, and
/// whether a change-logging layer goes between it and the bytes store.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public abstract class StoreBuilder<TKey, TValue> : IStoreBuilder
{
    private protected StoreBuilder(string name, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool loggingEnabled)
    {
        Name = name;
        KeySerdeForTable = keySerde;
        ValueSerdeForTable = valueSerde;
        LoggingEnabled = loggingEnabled;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public bool LoggingEnabled { get; }

    internal Serde<TKey> KeySerdeForTable { get; }

    internal Serde<TValue> ValueSerdeForTable { get; }

    /// <inheritdoc />
    IStateStore IStoreBuilder.Build() => BuildStore();

    private protected abstract IStateStore BuildStore();
}
