using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class InMemoryKeyValueBytesStoreSupplier(string name) : IKeyValueBytesStoreSupplier
{
    public string Name { get; } = name;

    public IKeyValueBytesStore Get() => new InMemoryKeyValueBytesStore(Name);
}
