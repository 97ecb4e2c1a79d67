namespace RiskStreams.Streams.State;

/// <summary>Creates the bytes layer of a session store, one per task.</summary>
public interface ISessionBytesStoreSupplier
{
    /// <summary>Store name.</summary>
    string Name { get; }

    /// <summary>How long sessions are kept, in milliseconds.</summary>
    long RetentionPeriodMs { get; }

    /// <summary>A new, unopened store.</summary>
    ISessionBytesStore Get();
}
