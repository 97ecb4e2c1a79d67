namespace RiskStreams.Streams.State;

/// <summary>Creates the bytes layer of a versioned store, one per task; pass it to <see cref="Materialized.As{TKey, TValue}(IVersionedBytesStoreSupplier)"/>.</summary>
public interface IVersionedBytesStoreSupplier
{
    /// <summary>Store name.</summary>
    string Name { get; }

    /// <summary>How far back in stream time versions stay readable.</summary>
    TimeSpan HistoryRetention { get; }

    /// <summary>A new, unopened store.</summary>
    IVersionedBytesStore Get();
}
