using System.Buffers.Binary;
using RiskStreams.Streams.State;
using RocksDbSharp;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// A session bytes store on RocksDB, segmented by session end (<see cref="RocksDbSegmentedKeys"/>: within a segment a
/// key's sessions are contiguous and by end, then start). Same semantics as <see cref="InMemorySessionBytesStore"/>:
/// a session ending before the observed stream time (the largest end written) minus the retention period is expired;
/// reads return copies.
/// </summary>
internal sealed class RocksDbSessionBytesStore(string name, long retentionPeriodMs) : ISessionBytesStore, IRestorableStore
{
    private const int TimestampSize = sizeof(long);
    private RocksDbSegmentedDb? _db;

    public string Name { get; } = name;

    public bool Persistent => true;

    public long RetentionPeriodMs { get; } = retentionPeriodMs;

    private RocksDbSegmentedDb Db => _db ?? throw new InvalidOperationException($"Store '{Name}' is not open.");

    /// <summary>The smallest session end still live.</summary>
    private long MinLiveTime => Db.ObservedStreamTime == long.MinValue ? long.MinValue : Db.ObservedStreamTime - RetentionPeriodMs;

    public void Init(IStateStoreContext context)
    {
        if (_db is not null)
        {
            throw new InvalidOperationException($"Store '{Name}' is already open.");
        }

        _db = RocksDbSegmentedDb.Open(context, Name, RetentionPeriodMs);
    }

    public void Put(Windowed<byte[]> session, byte[]? aggregate)
    {
        var key = session.Key ?? throw new ArgumentException("A session needs a key.", nameof(session));
        var (start, end) = (session.Window.StartMs, session.Window.EndMs);
        var db = Db;
        db.Observe(end);
        db.DropSegmentsBefore(MinLiveTime);
        if (end < MinLiveTime)
        {
            return;
        }

        if (aggregate is not null)
        {
            db.Db.Put(StoreKey(key, start, end), aggregate);
        }
        else
        {
            db.Db.Delete(StoreKey(key, start, end));
        }
    }

    public byte[]? FetchSession(byte[] key, long start, long end)
    {
        ArgumentNullException.ThrowIfNull(key);
        return end >= MinLiveTime ? Db.Db.Get(StoreKey(key, start, end)) : null;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessions(byte[] key, long earliestSessionEndTime, long latestSessionStartTime)
    {
        ArgumentNullException.ThrowIfNull(key);
        var db = Db;
        var from = Math.Max(earliestSessionEndTime, MinLiveTime);
        var to = db.ObservedStreamTime;
        var result = new List<KeyValuePair<Windowed<byte[]>, byte[]>>();
        if (to == long.MinValue || from > to)
        {
            return result;
        }

        for (var segment = db.SegmentOf(from); segment <= db.SegmentOf(to); segment++)
        {
            var lower = RocksDbSegmentedKeys.Encode(segment, key, from, long.MinValue, TimestampSize);
            var upper = RocksDbSegmentedKeys.Encode(segment, key, to, long.MaxValue, TimestampSize);
            db.ScanKeys(lower, upper, (storeKey, aggregate) =>
            {
                var start = RocksDbSegmentedKeys.LongTail(storeKey);
                if (start <= latestSessionStartTime)
                {
                    result.Add(KeyValuePair.Create(new Windowed<byte[]>(key, new Window(start, RocksDbSegmentedKeys.Time(storeKey))), aggregate));
                }
            });
        }

        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessionsByEndTime(long earliestSessionEndTime, long latestSessionEndTime)
    {
        var from = Math.Max(earliestSessionEndTime, MinLiveTime);
        var entries = new List<(long End, byte[] Key, long Start, byte[] Aggregate)>();
        Db.ScanSegments(from, latestSessionEndTime, (storeKey, aggregate) =>
        {
            var end = RocksDbSegmentedKeys.Time(storeKey);
            if (end >= from && end <= latestSessionEndTime)
            {
                entries.Add((end, RocksDbSegmentedKeys.Key(storeKey).ToArray(), RocksDbSegmentedKeys.LongTail(storeKey), aggregate));
            }
        });

        // Segments hold keys by length, then bytes; the contract orders by end, then key bytes, then start.
        entries.Sort(static (x, y) =>
        {
            var c = x.End.CompareTo(y.End);
            c = c != 0 ? c : ByteArrayComparer.Instance.Compare(x.Key, y.Key);
            return c != 0 ? c : x.Start.CompareTo(y.Start);
        });
        var result = new List<KeyValuePair<Windowed<byte[]>, byte[]>>(entries.Count);
        foreach (var (end, key, start, aggregate) in entries)
        {
            result.Add(KeyValuePair.Create(new Windowed<byte[]>(key, new Window(start, end)), aggregate));
        }

        return result;
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var db = Db;
        using var writes = new WriteBatch();
        foreach (var record in batch)
        {
            // SessionKeySchema: key bytes + 8-byte big-endian end + 8-byte big-endian start.
            var logged = record.Key.AsSpan();
            var key = logged[..^(2 * TimestampSize)];
            var end = BinaryPrimitives.ReadInt64BigEndian(logged[^(2 * TimestampSize)..]);
            var start = BinaryPrimitives.ReadInt64BigEndian(logged[^TimestampSize..]);
            db.Observe(end);
            if (end < MinLiveTime)
            {
                continue;
            }

            var storeKey = StoreKey(key, start, end);
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

    private byte[] StoreKey(ReadOnlySpan<byte> key, long start, long end) =>
        RocksDbSegmentedKeys.Encode(Db.SegmentOf(end), key, end, start, TimestampSize);
}
