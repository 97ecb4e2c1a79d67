using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class RocksDbWindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, bool retainDuplicates) : IWindowBytesStoreSupplier
{
    public string Name { get; } = name;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    public long WindowSizeMs { get; } = windowSizeMs;

    public bool RetainDuplicates { get; } = retainDuplicates;

    public IWindowBytesStore Get() => new RocksDbWindowBytesStore(Name, RetentionPeriodMs, WindowSizeMs, RetainDuplicates);
}
