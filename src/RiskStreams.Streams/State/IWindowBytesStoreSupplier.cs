namespace RiskStreams.Streams.State;

/// <summary>Creates the bytes layer of a window store, one per task, and says how it keeps windows.</summary>
public interface IWindowBytesStoreSupplier
{
    /// <summary>Store name.</summary>
    string Name { get; }

    /// <summary>How long windows are kept, in milliseconds.</summary>
    long RetentionPeriodMs { get; }

    /// <summary>Size of the windows, in milliseconds.</summary>
    long WindowSizeMs { get; }

    /// <summary>Whether every put is kept as its own entry (stream-stream joins) instead of replacing the key's value.</summary>
    bool RetainDuplicates { get; }

    /// <summary>A new, unopened store.</summary>
    IWindowBytesStore Get();
}
