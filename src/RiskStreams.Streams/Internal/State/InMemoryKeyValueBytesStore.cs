using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// In-memory bytes store: a hash map for point reads and writes, plus a sorted key set so range
/// scans visit only the keys in range.
/// </summary>
internal sealed class InMemoryKeyValueBytesStore(string name) : IKeyValueBytesStore, IRestorableStore
{
    private readonly Dictionary<byte[], byte[]> _values = new(ByteArrayComparer.Instance);
    private readonly SortedSet<byte[]> _keys = new(ByteArrayComparer.Instance);

    public string Name { get; } = name;

    public bool Persistent => false;

    public long ApproximateCount => _values.Count;

    public void Init(IStateStoreContext context)
    {
    }

    public byte[]? Get(byte[] key) => _values.GetValueOrDefault(key);

    public void Put(byte[] key, byte[]? value)
    {
        if (value is null)
        {
            if (_values.Remove(key))
            {
                _keys.Remove(key);
            }
        }
        else if (_values.TryAdd(key, value))
        {
            _keys.Add(key);
        }
        else
        {
            _values[key] = value;
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        if (_keys.Count == 0)
        {
            return [];
        }

        var lower = from ?? _keys.Min!;
        var upper = to ?? _keys.Max!;
        if (ByteArrayComparer.Instance.Compare(lower, upper) > 0)
        {
            return [];
        }

        // Snapshot so callers may write to the store while iterating, as Kafka Streams' in-memory store allows.
        var view = _keys.GetViewBetween(lower, upper);
        var result = new List<KeyValuePair<byte[], byte[]>>(view.Count);
        foreach (var key in view)
        {
            result.Add(KeyValuePair.Create(key, _values[key]));
        }

        return result;
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        foreach (var record in batch)
        {
            Put(record.Key, record.Value);
        }
    }

    public void Flush()
    {
    }

    public void Close()
    {
        _values.Clear();
        _keys.Clear();
    }
}
