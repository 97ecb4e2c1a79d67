using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class RocksDbSessionBytesStoreSupplier(string name, long retentionPeriodMs) : ISessionBytesStoreSupplier
{
    public string Name { get; } = name;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    public ISessionBytesStore Get() => new RocksDbSessionBytesStore(Name, RetentionPeriodMs);
}
