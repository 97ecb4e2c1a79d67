using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class InMemorySessionBytesStoreSupplier(string name, long retentionPeriodMs) : ISessionBytesStoreSupplier
{
    public string Name { get; } = name;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    public ISessionBytesStore Get() => new InMemorySessionBytesStore(Name, RetentionPeriodMs);
}
