using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

internal sealed class InMemoryWindowBytesStoreSupplier(string name, long retentionPeriodMs, long windowSizeMs, bool retainDuplicates) : IWindowBytesStoreSupplier
{
    public string Name { get; } = name;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    public long WindowSizeMs { get; } = windowSizeMs;

    public bool RetainDuplicates { get; } = retainDuplicates;

    public IWindowBytesStore Get() => new InMemoryWindowBytesStore(Name, RetentionPeriodMs, WindowSizeMs, RetainDuplicates);
}
