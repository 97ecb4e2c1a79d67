using RiskStreams.Streams.Internal.Windowing;
using RiskStreams.Streams.State;
using RocksDbSharp;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// A window bytes store on RocksDB, segmented by window start (<see cref="RocksDbSegmentedKeys"/>). Each RocksDB entry
/// is a <see cref="RocksDbWindowBlock"/>: one key's windows within a block interval (at most a segment, at least the
/// window size or a minute), so a record updating several windows of a key reads one or two blocks, not one entry per
/// window. Blocks read or changed since the last commit stay in memory (a write-back overlay, bounded by
/// <see cref="MaxOverlayBlocks"/>); <see cref="Flush"/> writes the changed ones in one write batch, with the metadata and
/// the range delete of expired segments, then flushes the memtables. Range reads write the changed blocks first and
/// scan RocksDB. Same semantics as <see cref="InMemoryWindowBytesStore"/>: a window start at or before the observed
/// stream time minus the retention period is expired (never returned, writes to it ignored); duplicates get increasing
/// sequence numbers and a delete of one is ignored; reads return copies, except span reads.
/// </summary>
internal sealed class RocksDbWindowBytesStore(string name, long retentionPeriodMs, long windowSizeMs, bool retainDuplicates)
    : IWindowBytesStore, IRestorableStore, IWindowBytesSpanAccess
{
    /// <summary>Blocks kept in memory between commits before the changed ones are written out early and all dropped.</summary>
    private const int MaxOverlayBlocks = 1 << 16;
    private const long MinBlockIntervalMs = 60_000;

    private readonly Dictionary<RocksDbWindowBlockKey, RocksDbWindowBlock> _blocks = [];
    private readonly List<KeyValuePair<RocksDbWindowBlockKey, RocksDbWindowBlock>> _dirty = [];
    private readonly Stack<RocksDbWindowBlock> _free = new();
    private RocksDbSegmentedDb? _db;
    private long _blockIntervalMs;

    // The block last looked up: a record updates several windows of one key in a row.
    private RocksDbWindowBlockKey _lastKey;
    private RocksDbWindowBlock? _lastBlock;

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
        _blockIntervalMs = Math.Min(_db.SegmentIntervalMs, Math.Max(WindowSizeMs, MinBlockIntervalMs));
    }

    public void Put(byte[] key, byte[]? value, long windowStart)
    {
        if (value is not null)
        {
            Put(key, value.AsSpan(), windowStart);
            return;
        }

        ArgumentNullException.ThrowIfNull(key);
        var db = Db;
        db.Observe(windowStart);
        if (windowStart >= MinLiveTime && !RetainDuplicates && Block(key, windowStart) is var block && block.Remove(windowStart, 0))
        {
            MarkDirty(block);
        }
    }

    public void Put(byte[] key, ReadOnlySpan<byte> value, long windowStart)
    {
        ArgumentNullException.ThrowIfNull(key);
        var db = Db;
        db.Observe(windowStart);
        if (windowStart < MinLiveTime)
        {
            return;
        }

        if (RetainDuplicates)
        {
            db.Seqnum = (db.Seqnum + 1) & int.MaxValue;
        }

        var block = Block(key, windowStart);
        block.Set(windowStart, RetainDuplicates ? db.Seqnum : 0, value);
        MarkDirty(block);
    }

    public bool TryFetch(byte[] key, long windowStart, out ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(key);
        value = default;
        return windowStart >= MinLiveTime && Block(key, windowStart).TryGet(windowStart, out value);
    }

    public byte[]? Fetch(byte[] key, long windowStart) => TryFetch(key, windowStart, out var value) ? value.ToArray() : null;

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo) => FetchKey(key, timeFrom, timeTo);

    public IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo)
    {
        var result = FetchKey(key, timeFrom, timeTo);
        result.Reverse();
        return result;
    }

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo)
    {
        WriteChanges();
        var from = Math.Max(timeFrom, MinLiveTime);
        var entries = new List<(long Start, byte[] Key, int Seqnum, byte[] Value)>();
        Db.ScanSegments(from, timeTo, (storeKey, stored) =>
        {
            var key = RocksDbSegmentedKeys.Key(storeKey).ToArray();
            RocksDbWindowBlock.Visit(stored, from, timeTo, (entries, key), static (state, start, seqnum, value) => state.entries.Add((start, state.key, seqnum, value)));
        });

        // Blocks are by segment, then key length and bytes; the contract orders by start, then key bytes (then put order).
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
        foreach (var record in batch)
        {
            var start = WindowKeySchema.ExtractWindowStart(record.Key);
            var seqnum = RetainDuplicates ? WindowKeySchema.ExtractSeqnum(record.Key) : 0;
            db.Observe(start);
            if (start < MinLiveTime)
            {
                continue;
            }

            // Restored duplicates keep their logged sequence numbers; later puts continue after the largest.
            db.Seqnum = Math.Max(db.Seqnum, seqnum);
            var block = Block(WindowKeySchema.ExtractKey(record.Key).ToArray(), start);
            if (record.Value is not null)
            {
                block.Set(start, seqnum, record.Value);
                MarkDirty(block);
            }
            else if (block.Remove(start, seqnum))
            {
                MarkDirty(block);
            }
        }

        WriteChanges();
        DropOverlay();
    }

    public void Flush()
    {
        if (_db is null)
        {
            return;
        }

        WriteChanges();
        DropOverlay();
        _db.Db.Flush();
    }

    public void Close()
    {
        if (_db is null)
        {
            return;
        }

        // As before the overlay: what was put is kept on a clean close (RocksDB flushes its memtables when closing).
        WriteChanges();
        DropOverlay();
        _db.Dispose();
        _db = null;
    }

    /// <summary>The block holding (<paramref name="key"/>, <paramref name="windowStart"/>), read from RocksDB (empty when absent) on first use since the last commit.</summary>
    private RocksDbWindowBlock Block(byte[] key, long windowStart)
    {
        var blockStart = BlockStart(windowStart);
        if (_lastBlock is { } last && _lastKey.BlockStart == blockStart && _lastKey.Key.AsSpan().SequenceEqual(key))
        {
            return last;
        }

        var blockKey = new RocksDbWindowBlockKey(key, blockStart);
        if (!_blocks.TryGetValue(blockKey, out var block))
        {
            if (_blocks.Count >= MaxOverlayBlocks)
            {
                WriteChanges();
                DropOverlay();
            }

            block = _free.TryPop(out var free) ? free : new RocksDbWindowBlock();
            block.Load(Db.Db.Get(StoreKey(blockKey)));
            _blocks.Add(blockKey, block);
        }

        _lastKey = blockKey;
        _lastBlock = block;
        return block;
    }

    private long BlockStart(long windowStart)
    {
        var segmentStart = Db.SegmentOf(windowStart) * Db.SegmentIntervalMs;
        return segmentStart + ((windowStart - segmentStart) / _blockIntervalMs * _blockIntervalMs);
    }

    private byte[] StoreKey(RocksDbWindowBlockKey blockKey) => RocksDbSegmentedKeys.Encode(Db.SegmentOf(blockKey.BlockStart), blockKey.Key, blockKey.BlockStart);

    private void MarkDirty(RocksDbWindowBlock block)
    {
        if (!block.Dirty)
        {
            block.Dirty = true;
            _dirty.Add(KeyValuePair.Create(_lastKey, block));
        }
    }

    /// <summary>Writes the changed blocks of live segments and the metadata in one batch, then drops expired segments.</summary>
    private void WriteChanges()
    {
        var db = Db;
        var firstLiveSegment = db.SegmentOf(MinLiveTime == long.MinValue ? long.MinValue : MinLiveTime);
        using (var batch = new WriteBatch())
        {
            foreach (var (blockKey, block) in _dirty)
            {
                block.Dirty = false;
                if (db.SegmentOf(blockKey.BlockStart) < firstLiveSegment)
                {
                    continue;
                }

                var storeKey = StoreKey(blockKey);
                if (block.IsEmpty)
                {
                    batch.Delete(storeKey);
                }
                else
                {
                    batch.Put(storeKey, (ulong)storeKey.Length, block.Buffer, (ulong)block.Length);
                }
            }

            batch.Put(RocksDbSegmentedKeys.MetadataKey, db.Metadata());
            db.Db.Write(batch);
        }

        _dirty.Clear();
        db.DropSegmentsBefore(MinLiveTime);
    }

    private void DropOverlay()
    {
        foreach (var block in _blocks.Values)
        {
            _free.Push(block);
        }

        _blocks.Clear();
        _lastBlock = null;
        _lastKey = default;
    }

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

        WriteChanges();

        // A key's blocks are contiguous within each segment, by start; segments follow each other in time.
        for (var segment = db.SegmentOf(from); segment <= db.SegmentOf(to); segment++)
        {
            var lower = RocksDbSegmentedKeys.Encode(segment, key, BlockStart(from));
            var upper = RocksDbSegmentedKeys.Encode(segment, key, to);
            db.ScanKeys(lower, upper, (_, stored) =>
                RocksDbWindowBlock.Visit(stored, from, to, result, static (list, start, _, value) => list.Add(KeyValuePair.Create(start, value))));
        }

        return result;
    }
}
