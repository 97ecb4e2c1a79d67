namespace RiskStreams.Streams.State;

/// <summary>What a put into a versioned store did.</summary>
/// <param name="Stored">False when the put was older than the history retention allows and was ignored.</param>
/// <param name="ValidTo">The timestamp of the next newer version, or null when the put became the latest version.</param>
public readonly record struct VersionedPutResult(bool Stored, long? ValidTo)
{
    /// <summary>A put that became the key's latest version.</summary>
    public static VersionedPutResult Latest { get; } = new(true, null);

    /// <summary>A put ignored because it was older than the history retention.</summary>
    public static VersionedPutResult Expired { get; } = new(false, null);

    /// <summary>True when the put was stored and is now the key's latest version.</summary>
    public bool IsLatest => Stored && ValidTo is null;
}
