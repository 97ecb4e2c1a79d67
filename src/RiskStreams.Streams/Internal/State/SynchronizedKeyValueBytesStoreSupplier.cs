using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class SynchronizedKeyValueBytesStoreSupplier(IKeyValueBytesStoreSupplier inner) : IKeyValueBytesStoreSupplier
{
    public string Name => inner.Name;

    public IKeyValueBytesStore Get() => new SynchronizedKeyValueBytesStore(inner.Get());
}
