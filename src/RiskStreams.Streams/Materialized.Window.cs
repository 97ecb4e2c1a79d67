using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial record Materialized<TKey, TValue>
{
    /// <summary>Window bytes store for windowed aggregations (time and sliding windows); in-memory when null.</summary>
    public IWindowBytesStoreSupplier? WindowStoreSupplier { get; init; }

    /// <summary>Session bytes store for session-windowed aggregations; in-memory when null.</summary>
    public ISessionBytesStoreSupplier? SessionStoreSupplier { get; init; }

    /// <summary>With a window store supplier (its name becomes the store name).</summary>
    public Materialized<TKey, TValue> WithWindowStoreSupplier(IWindowBytesStoreSupplier supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return this with { WindowStoreSupplier = supplier, StoreName = supplier.Name };
    }

    /// <summary>With a session store supplier (its name becomes the store name).</summary>
    public Materialized<TKey, TValue> WithSessionStoreSupplier(ISessionBytesStoreSupplier supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return this with { SessionStoreSupplier = supplier, StoreName = supplier.Name };
    }
}

public static partial class Materialized
{
    /// <summary>A windowed aggregation's store from this window store supplier (its name is the store name).</summary>
    public static Materialized<TKey, TValue> As<TKey, TValue>(IWindowBytesStoreSupplier supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return new() { StoreName = supplier.Name, WindowStoreSupplier = supplier };
    }

    /// <summary>A session-windowed aggregation's store from this session store supplier (its name is the store name).</summary>
    public static Materialized<TKey, TValue> As<TKey, TValue>(ISessionBytesStoreSupplier supplier)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        return new() { StoreName = supplier.Name, SessionStoreSupplier = supplier };
    }
}
