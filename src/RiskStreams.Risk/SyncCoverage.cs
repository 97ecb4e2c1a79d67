namespace RiskStreams.Risk;

/// <summary>
/// Per payment source, the instant through which everything has been synced (from the
/// <c>repayment.sync.status</c> heartbeats). A due date is covered only when every known source has
/// synced past it; with no source known nothing is covered.
/// </summary>
public interface ISyncCoverage
{
    /// <summary>True when every payment source has synced through <paramref name="instantMs"/>.</summary>
    bool Covers(long instantMs);

    /// <summary>The lowest synced-through instant over all sources, or null when none is known.</summary>
    long? OldestSyncedThroughMs { get; }
}
