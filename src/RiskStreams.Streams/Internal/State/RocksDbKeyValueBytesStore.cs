using RiskStreams.Streams.State;
using RocksDbSharp;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// A key-value bytes store on RocksDB: the store's keys are the database's keys, so RocksDB's bytewise order is the
/// store's unsigned lexicographic order. The count of entries is exact: counted once when the store opens and kept
/// by checking, on every write, whether the key was there. Range reads return a copy (a snapshot), as the in-memory
/// store does, so no native iterator outlives the call.
/// </summary>
internal sealed class RocksDbKeyValueBytesStore(string name) : IKeyValueBytesStore, IRestorableStore
{
    private RocksDbInstance? _db;
    private long _count;

    public string Name { get; } = name;

    public bool Persistent => true;

    public long ApproximateCount => _count;

    private RocksDbInstance Db => _db ?? throw new InvalidOperationException($"Store '{Name}' is not open.");

    public void Init(IStateStoreContext context)
    {
        if (_db is not null)
        {
            throw new InvalidOperationException($"Store '{Name}' is already open.");
        }

        _db = RocksDbInstance.Open(context, Name);
        _count = 0;
        using var iterator = _db.Seek(null);
        for (; iterator.Valid(); iterator.Next())
        {
            _count++;
        }
    }

    public byte[]? Get(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Db.Get(key);
    }

    public void Put(byte[] key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        var existed = Db.Get(key) is not null;
        if (value is null)
        {
            if (existed)
            {
                Db.Delete(key);
                _count--;
            }
        }
        else
        {
            Db.Put(key, value);
            if (!existed)
            {
                _count++;
            }
        }
    }

    public IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to)
    {
        if (from is not null && to is not null && ByteArrayComparer.Instance.Compare(from, to) > 0)
        {
            return [];
        }

        var result = new List<KeyValuePair<byte[], byte[]>>();
        using var iterator = Db.Seek(from);
        for (; iterator.Valid(); iterator.Next())
        {
            if (to is not null && iterator.GetKeySpan().SequenceCompareTo(to) > 0)
            {
                break;
            }

            result.Add(KeyValuePair.Create(iterator.Key(), iterator.Value()));
        }

        return result;
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // Whether each key exists once the records so far apply: the database, then earlier records of the batch.
        var present = new Dictionary<byte[], bool>(ByteArrayComparer.Instance);
        using var writes = new WriteBatch();
        foreach (var record in batch)
        {
            if (!present.TryGetValue(record.Key, out var existed))
            {
                existed = Db.Get(record.Key) is not null;
            }

            if (record.Value is null)
            {
                writes.Delete(record.Key);
                _count -= existed ? 1 : 0;
            }
            else
            {
                writes.Put(record.Key, record.Value);
                _count += existed ? 0 : 1;
            }

            present[record.Key] = record.Value is not null;
        }

        Db.Write(writes);
    }

    public void Flush() => _db?.Flush();

    public void Close()
    {
        _db?.Dispose();
        _db = null;
    }
}
