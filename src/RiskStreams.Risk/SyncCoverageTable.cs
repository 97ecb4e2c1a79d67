namespace RiskStreams.Risk;

/// <summary>
/// In-memory <see cref="ISyncCoverage"/> built from heartbeats. A source's synced-through instant only
/// moves forward: a late, older heartbeat does not take coverage back.
/// </summary>
public sealed class SyncCoverageTable : ISyncCoverage
{
    private readonly Dictionary<string, long> _syncedThrough = new(StringComparer.Ordinal);

    /// <summary>Sources seen so far.</summary>
    public int SourceCount => _syncedThrough.Count;

    /// <inheritdoc />
    public long? OldestSyncedThroughMs => _syncedThrough.Count == 0 ? null : _syncedThrough.Values.Min();

    /// <summary>Records that <paramref name="sourceSystem"/> has synced everything before <paramref name="syncedThroughMs"/>.</summary>
    public void Update(string sourceSystem, long syncedThroughMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceSystem);
        if (!_syncedThrough.TryGetValue(sourceSystem, out var held) || held < syncedThroughMs)
        {
            _syncedThrough[sourceSystem] = syncedThroughMs;
        }
    }

    /// <inheritdoc />
    public bool Covers(long instantMs) => OldestSyncedThroughMs is { } oldest && oldest >= instantMs;
}
