using RiskStreams.Streams.Internal.Global;

namespace RiskStreams.Streams.Offline;

public sealed partial class OfflineTopologyRunner
{
    private GlobalStateManager? _global;

    /// <summary>Records the global-store updater dropped (null keys, invalid timestamps) so far.</summary>
    public long GlobalDroppedRecordCount => _global?.DroppedRecords ?? 0;

    /// <summary>Builds and opens the global stores and lets every task read them; runs before the tasks initialize.</summary>
    private void InitializeGlobalStores()
    {
        if (!_topology.GlobalStores.Any())
        {
            return;
        }

        _global = new GlobalStateManager(_topology, _options.ApplicationId, () => _wallClock);
        _global.Initialize();
        foreach (var task in _tasks)
        {
            task.Context.GlobalStores = _global.FindStore;
        }
    }

    private bool IsGlobalTopic(string topic) => _global?.IsGlobalTopic(topic) ?? false;

    /// <summary>Applies a record of a global topic (piped, or produced by the topology) to its global store.</summary>
    private bool TryUpdateGlobalStore(in ConsumedRecord record)
    {
        if (_global is null || !_global.IsGlobalTopic(record.Topic))
        {
            return false;
        }

        _global.Process(record);
        return true;
    }

    private TStore? FindGlobalStore<TStore>(string name)
        where TStore : class =>
        _global?.FindStore(name) switch
        {
            null => null,
            TStore store => store,
            _ => throw new InvalidOperationException($"Store '{name}' is not a {typeof(TStore).Name}."),
        };

    private void CloseGlobalStores() => _global?.Close();
}
