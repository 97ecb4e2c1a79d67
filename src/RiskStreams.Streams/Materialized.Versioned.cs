using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial record Materialized<TKey, TValue>
{
    /// <summary>
    /// Versioned bytes store to use instead of a key-value store; a table materialized this way keeps every version
    /// within the store's history retention and stream-table joins read it as of each stream record's timestamp.
    /// </summary>
    public IVersionedBytesStoreSupplier? VersionedStoreSupplier { get; init; }
}

public static partial class Materialized
{
    /// <summary>A versioned store from this supplier (its name is the store name).</summary>
    public static Materialized<TKey, TValue> As<TKey, TValue>(IVersionedBytesStoreSupplier supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return new() { StoreName = supplier.Name, VersionedStoreSupplier = supplier };
    }
}
