using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>Sync coverage read from the global sync-status store: the oldest synced-through instant of all sources.</summary>
internal sealed class StoreSyncCoverage(IReadOnlyKeyValueStore<string, SyncStatus> store) : ISyncCoverage
{
    public long? OldestSyncedThroughMs
    {
        get
        {
            long? oldest = null;
            foreach (var (_, status) in store.All())
            {
                var through = EventMapper.ToUnixMs(status.syncedThrough);
                oldest = oldest is { } o ? Math.Min(o, through) : through;
            }

            return oldest;
        }
    }

    public bool Covers(long instantMs) => OldestSyncedThroughMs is { } oldest && oldest >= instantMs;
}
