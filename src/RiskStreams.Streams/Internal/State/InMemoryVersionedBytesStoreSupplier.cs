using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class InMemoryVersionedBytesStoreSupplier(string name, TimeSpan historyRetention) : IVersionedBytesStoreSupplier
{
    public string Name { get; } = name;

    public TimeSpan HistoryRetention { get; } = historyRetention;

    public IVersionedBytesStore Get() => new InMemoryVersionedBytesStore(Name, (long)HistoryRetention.TotalMilliseconds);
}
