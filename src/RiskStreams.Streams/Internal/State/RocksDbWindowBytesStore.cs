using RiskStreams.Streams.Internal.Windowing;
using RiskStreams.Streams.State;
using RocksDbSharp;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// A window bytes store on RocksDB, segmented by window start (<see cref="RocksDbSegmentedKeys"/>: within a segment a
/// key's windows are contiguous and by start, then sequence number). Same semantics as
/// <see cref="InMemoryWindowBytesStore"/>: a window start at or before the observed stream time minus the retention
/// period is expired (never returned, writes to it ignored); duplicates get increasing sequence numbers and a
/// delete of one is ignored; reads return copies.
/// </summary>
internal sealed class RocksDbWindowBytesStore(string name, long retentionPeriodMs, long windowSizeMs, bool retainDuplicates)
    : IWindowBytesStore, IRestorableStore
{
    private const int SeqnumSize = sizeof(int);
    private RocksDbSegmentedDb? _db;

    public string Name { get; } = name;

    public bool Persistent => true;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    public long WindowSizeMs { get; } = windowSizeMs;

    public bool RetainDuplicates { get; } = retainDuplicates;

    private RocksDbSegmentedDb Db => _db ?? throw new InvalidOperationException($"Store '{Name}' is not open.");

    /// <summary>The smallest window start still live.</summary>
    private long MinLiveTime => Db.ObservedStreamTime == long.MinValue ? long.MinValue : Db.ObservedStreamTime - RetentionPeriodMs + 1;

    public void Init(IStateStoreContext context)
    {
        if (_db is not null)
        {
            throw new InvalidOperationException($"Store '{Name}' is already open.");
        }

        _db = RocksDbSegmentedDb.Open(context, Name, RetentionPeriodMs);
    }

    public void Put(byte[] key, byte[]? value, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        var db = Db;
        db.Observe(windowStart);
        db.DropSegmentsBefore(MinLiveTime);
        if (windowStart < MinLiveTime)
        {
            return;
        }

        if (value is not null)
        {
            if (RetainDuplicates)
            {
                db.Seqnum = (db.Seqnum + 1) & int.MaxValue;
            }

            db.Db.Put(StoreKey(key, windowStart, RetainDuplicates ? db.Seqnum : 0), value);
        }
        else if (!RetainDuplicates)
        {
            db.Db.Delete(StoreKey(key, windowStart, 0));
        }
    }

    public byte[]? Fetch(byte[] key, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (windowStart < MinLiveTime)
        {
            return null;
        }

        if (!RetainDuplicates)
        {
            return Db.Db.Get(StoreKey(key, windowStart, 0));
        }

        // The latest duplicate: the highest sequence number of the window.
        byte[]? latest = null;
        Db.ScanKeys(StoreKey(key, windowStart, 0), StoreKey(key, windowStart, int.MaxValue), (_, value) => latest = value);
        return latest;
    }

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo) => FetchKey(key, timeFrom, timeTo);

    public IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo)
    {
        var result = FetchKey(key, timeFrom, timeTo);
        result.Reverse();
        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo)
    {
        var from = Math.Max(timeFrom, MinLiveTime);
        var entries = new List<(long Start, byte[] Key, int Seqnum, byte[] Value)>();
        Db.ScanSegments(from, timeTo, (storeKey, value) =>
        {
            var start = RocksDbSegmentedKeys.Time(storeKey);
            if (start >= from && start <= timeTo)
            {
                entries.Add((start, RocksDbSegmentedKeys.Key(storeKey).ToArray(), RocksDbSegmentedKeys.IntTail(storeKey), value));
            }
        });

        // Segments hold keys by length, then bytes; the contract orders by start, then key bytes (then put order).
        entries.Sort(static (x, y) =>
        {
            var c = x.Start.CompareTo(y.Start);
            c = c != 0 ? c : ByteArrayComparer.Instance.Compare(x.Key, y.Key);
            return c != 0 ? c : x.Seqnum.CompareTo(y.Seqnum);
        });
        var result = new List<KeyValuePair<Windowed<byte[]>, byte[]>>(entries.Count);
        foreach (var (start, key, _, value) in entries)
        {
            result.Add(KeyValuePair.Create(new Windowed<byte[]>(key, new Window(start, WindowTime.SaturatedAdd(start, WindowSizeMs))), value));
        }

        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> All() => FetchAll(long.MinValue, long.MaxValue);

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var db = Db;
        using var writes = new WriteBatch();
        foreach (var record in batch)
        {
            var key = WindowKeySchema.ExtractKey(record.Key);
            var start = WindowKeySchema.ExtractWindowStart(record.Key);
            var seqnum = RetainDuplicates ? WindowKeySchema.ExtractSeqnum(record.Key) : 0;
            db.Observe(start);
            if (start < MinLiveTime)
            {
                continue;
            }

            // Restored duplicates keep their logged sequence numbers; later puts continue after the largest.
            db.Seqnum = Math.Max(db.Seqnum, seqnum);
            var storeKey = StoreKey(key, start, seqnum);
            if (record.Value is null)
            {
                writes.Delete(storeKey);
            }
            else
            {
                writes.Put(storeKey, record.Value);
            }
        }

        writes.Put(RocksDbSegmentedKeys.MetadataKey, db.Metadata());
        db.Db.Write(writes);
        db.DropSegmentsBefore(MinLiveTime);
    }

    public void Flush() => _db?.Flush();

    public void Close()
    {
        _db?.Dispose();
        _db = null;
    }

    private byte[] StoreKey(ReadOnlySpan<byte> key, long windowStart, int seqnum) =>
        RocksDbSegmentedKeys.Encode(Db.SegmentOf(windowStart), key, windowStart, seqnum, SeqnumSize);

    private List<KeyValuePair<long, byte[]>> FetchKey(byte[] key, long timeFrom, long timeTo)
    {
        ArgumentNullException.ThrowIfNull(key);
        var db = Db;
        var from = Math.Max(timeFrom, MinLiveTime);
        var to = Math.Min(timeTo, db.ObservedStreamTime);
        var result = new List<KeyValuePair<long, byte[]>>();
        if (db.ObservedStreamTime == long.MinValue || from > to)
        {
            return result;
        }

        // A key's windows are contiguous within each segment, and segments follow each other in time.
        for (var segment = db.SegmentOf(from); segment <= db.SegmentOf(to); segment++)
        {
            var lower = RocksDbSegmentedKeys.Encode(segment, key, from, 0, SeqnumSize);
            var upper = RocksDbSegmentedKeys.Encode(segment, key, to, int.MaxValue, SeqnumSize);
            db.ScanKeys(lower, upper, (storeKey, value) => result.Add(KeyValuePair.Create(RocksDbSegmentedKeys.Time(storeKey), value)));
        }

        return result;
    }
}
