using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// A persistent key-value bytes store for checkpoint tests: an in-memory store saved to
/// <c>{taskDir}/{name}/data</c> on flush and loaded on init, so what survives a restart is visible.
/// </summary>
internal sealed class FilePersistentKeyValueStore(string name) : IKeyValueBytesStore, IRestorableStore
{
    private readonly InMemoryKeyValueBytesStore _inner = new(name);
    private string? _file;

    public string Name => name;

    public bool Persistent => true;

    public long ApproximateCount => _inner.ApproximateCount;

    /// <summary>Entries loaded from disk at the last <see cref="Init"/>.</summary>
    public int Loaded { get; private set; }

    public void Init(IStateStoreContext context)
    {
        var directory = Path.Combine(context.StateDirectory ?? throw new InvalidOperationException("No state directory."), Name);
        Directory.CreateDirectory(directory);
        _file = Path.Combine(directory, "data");
        if (File.Exists(_file))
        {
            foreach (var line in File.ReadAllLines(_file))
            {
                var parts = line.Split(' ');
                _inner.Put(Convert.FromHexString(parts[0]), Convert.FromHexString(parts[1]));
                Loaded++;
            }
        }
    }

    public byte[]? Get(byte[] key) => _inner.Get(key);

    public void Put(byte[] key, byte[]? value) => _inner.Put(key, value);

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to) => _inner.Range(from, to);

    public void Restore(IReadOnlyList<ChangelogRecord> batch) => _inner.Restore(batch);

    public void Flush() => File.WriteAllLines(_file!, _inner.Range(null, null).Select(e => $"{Convert.ToHexString(e.Key)} {Convert.ToHexString(e.Value)}"));

    public void Close()
    {
        Flush();
        _inner.Close();
    }

    public sealed class Supplier(string name) : IKeyValueBytesStoreSupplier
    {
        public string Name => name;

        public IKeyValueBytesStore Get() => new FilePersistentKeyValueStore(name);
    }
}
