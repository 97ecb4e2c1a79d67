using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class RocksDbKeyValueBytesStoreSupplier(string name) : IKeyValueBytesStoreSupplier
{
    public string Name { get; } = name;

    public IKeyValueBytesStore Get() => new RocksDbKeyValueBytesStore(Name);
}
