namespace RiskStreams.Streams;

public sealed partial record Materialized<TKey, TValue>
{
    /// <summary>
    /// The kind of key-value, window or session store built when no supplier is given (default
    /// <see cref="StoreType.InMemory"/>); a supplier, when given, decides instead.
    /// </summary>
    public StoreType StoreType { get; init; } = StoreType.InMemory;

    /// <summary>With stores of this kind when no supplier is given.</summary>
    public Materialized<TKey, TValue> WithStoreType(StoreType storeType) =>
        Enum.IsDefined(storeType) ? this with { StoreType = storeType } : throw new ArgumentOutOfRangeException(nameof(storeType), storeType, "Unknown store type.");
}
