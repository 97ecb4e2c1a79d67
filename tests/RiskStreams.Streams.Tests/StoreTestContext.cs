using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// A store context for store-level tests: a fresh state directory of its own (deleted on dispose), a settable
/// stream time, the changes stores log, and optionally a record-cache budget.
/// </summary>
internal sealed class StoreTestContext : IStateStoreContext, Internal.State.ICachingContext, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "riskstreams-store-tests", Guid.NewGuid().ToString("N"));

    public StoreTestContext(long cacheMaxBytes = 0)
    {
        CacheMaxBytes = cacheMaxBytes;
        Directory.CreateDirectory(_root);
    }

    public string ApplicationId => "app";

    public TaskId TaskId => new(0, 0);

    public long StreamTime { get; set; }

    public string? StateDirectory => _root;

    public long CacheMaxBytes { get; }

    public List<(string Store, byte[] Key, byte[]? Value)> Changes { get; } = [];

    public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp) => Changes.Add((storeName, key, value));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
