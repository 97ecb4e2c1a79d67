using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>Sorted in-memory bytes store.</summary>
internal sealed class InMemoryKeyValueBytesStore(string name) : IKeyValueBytesStore
{
    private readonly SortedDictionary<byte[], byte[]> _map = new(ByteArrayComparer.Instance);

    public string Name { get; } = name;

    public bool Persistent => false;

    public long ApproximateCount => _map.Count;

    public void Init(IStateStoreContext context)
    {
    }

    public byte[]? Get(byte[] key) => _map.GetValueOrDefault(key);

    public void Put(byte[] key, byte[]? value)
    {
        if (value is null)
        {
            _map.Remove(key);
        }
        else
        {
            _map[key] = value;
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        // Snapshot so callers may write to the store while iterating, as Kafka Streams' in-memory store allows.
        var cmp = ByteArrayComparer.Instance;
        return _map.Where(e => (from is null || cmp.Compare(e.Key, from) >= 0) && (to is null || cmp.Compare(e.Key, to) <= 0)).ToList();
    }

    public void Flush()
    {
    }

    public void Close() => _map.Clear();
}
