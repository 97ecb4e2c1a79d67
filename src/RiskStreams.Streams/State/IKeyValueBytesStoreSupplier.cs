namespace RiskStreams.Streams.State;

/// <summary>Creates the bytes layer of a key-value store, one per task.</summary>
public interface IKeyValueBytesStoreSupplier
{
    /// <summary>Store name.</summary>
    string Name { get; }

    /// <summary>A new, unopened store.</summary>
    IKeyValueBytesStore Get();
}
