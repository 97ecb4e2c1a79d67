using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Streams.State;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology;

/// <summary>
/// The account read model served from a running processor: the account's state read from the local task of its partition
/// through the engine's interactive queries (reads never write), turned into <see cref="AccountRiskViews"/>; sync coverage
/// from the global sync-status store as that task sees it.
/// </summary>
public static class AccountRiskQueries
{
    /// <summary>The account's state in the local task of <paramref name="partition"/>, or null for an unknown account.</summary>
    /// <exception cref="InvalidOperationException">The partition's task is not hosted here now.</exception>
    public static AccountRiskState? State(KafkaStreams streams, int partition, string accountId)
    {
        ArgumentNullException.ThrowIfNull(streams);
        return streams.KeyValueStore<string, AccountRiskState>(RiskStoreNames.AccountState, partition).TryGet(accountId, out var state) ? state : null;
    }

    /// <summary>The account's current picture, with bills' sync state judged by the payment sources' coverage the task sees.</summary>
    /// <exception cref="InvalidOperationException">The partition's task is not hosted here now.</exception>
    public static AccountRiskView Risk(KafkaStreams streams, int partition, AccountRiskState state, RiskPolicy policy, long nowMs, string culture = "en")
    {
        ArgumentNullException.ThrowIfNull(streams);
        var oldest = streams.QueryStore<IReadOnlyKeyValueStore<string, SyncStatus>, long?>(
            RiskStoreNames.SyncStatus, RiskStoreNames.AccountState, partition, store => new StoreSyncCoverage(store).OldestSyncedThroughMs);
        return AccountRiskViews.Of(state, policy, new FixedCoverage(oldest), nowMs, culture);
    }

    /// <summary>Coverage read once (a snapshot), so the view does not hold the global store.</summary>
    private sealed class FixedCoverage(long? oldest) : ISyncCoverage
    {
        public long? OldestSyncedThroughMs => oldest;

        public bool Covers(long instantMs) => oldest is { } o && o >= instantMs;
    }
}
