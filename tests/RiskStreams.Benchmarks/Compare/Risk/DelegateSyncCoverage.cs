using RiskStreams.Risk;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>Sync coverage over the synced-through instants (ms) of a global sync-status store, as the production <c>StoreSyncCoverage</c> reads them.</summary>
internal sealed class DelegateSyncCoverage(Func<IEnumerable<long>> syncedThrough) : ISyncCoverage
{
    public long? OldestSyncedThroughMs
    {
        get
        {
            long? oldest = null;
            foreach (var through in syncedThrough())
            {
                oldest = oldest is { } o ? Math.Min(o, through) : through;
            }

            return oldest;
        }
    }

    public bool Covers(long instantMs) => OldestSyncedThroughMs is { } oldest && oldest >= instantMs;
}
