using System.Buffers.Binary;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// The database of a time-segmented store (window or session) with what the store must keep across restarts: the
/// observed stream time (the largest window start or session end written), which decides expiry, and the sequence
/// number of duplicates. Both are saved under the metadata key at each flush and on close, in the same unlogged
/// write stream as the data, so after a restart they match the data on disk. Segments (of
/// <see cref="SegmentIntervalMs"/>, Kafka Streams' default: half the retention, at least a minute) that fell wholly
/// out of the retention are dropped with one range delete; entries of a segment still partly live are filtered
/// out on reads instead.
/// </summary>
internal sealed class RocksDbSegmentedDb : IDisposable
{
    private const long MinSegmentIntervalMs = 60_000;
    private long _firstLiveSegment = long.MinValue;

    private RocksDbSegmentedDb(RocksDbInstance db, long segmentIntervalMs)
    {
        Db = db;
        SegmentIntervalMs = segmentIntervalMs;
    }

    public RocksDbInstance Db { get; }

    public long SegmentIntervalMs { get; }

    public long ObservedStreamTime { get; private set; } = long.MinValue;

    /// <summary>Sequence number of the latest duplicate put (window stores retaining duplicates).</summary>
    public int Seqnum { get; set; }

    public static RocksDbSegmentedDb Open(IStateStoreContext context, string storeName, long retentionPeriodMs)
    {
        var db = new RocksDbSegmentedDb(RocksDbInstance.Open(context, storeName), Math.Max(retentionPeriodMs / 2, MinSegmentIntervalMs));
        if (db.Db.Get(RocksDbSegmentedKeys.MetadataKey) is { Length: sizeof(long) + sizeof(int) } metadata)
        {
            db.ObservedStreamTime = BinaryPrimitives.ReadInt64BigEndian(metadata);
            db.Seqnum = BinaryPrimitives.ReadInt32BigEndian(metadata.AsSpan(sizeof(long)));
        }

        return db;
    }

    public long SegmentOf(long time) => RocksDbSegmentedKeys.SegmentOf(time, SegmentIntervalMs);

    public void Observe(long time) => ObservedStreamTime = Math.Max(ObservedStreamTime, time);

    /// <summary>Drops the segments whose every time is below <paramref name="minLiveTime"/> (one range delete when the first live segment moves).</summary>
    public void DropSegmentsBefore(long minLiveTime)
    {
        var segment = SegmentOf(minLiveTime);
        if (segment <= _firstLiveSegment)
        {
            return;
        }

        Db.DeleteRange(RocksDbSegmentedKeys.FirstDataKey, RocksDbSegmentedKeys.SegmentPrefix(segment));
        _firstLiveSegment = segment;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> with every entry (key, value) of the segments holding times in
    /// [<paramref name="from"/>, <paramref name="to"/>] (no later than the observed stream time), in key order.
    /// </summary>
    public void ScanSegments(long from, long to, Action<byte[], byte[]> visit)
    {
        to = Math.Min(to, ObservedStreamTime);
        if (ObservedStreamTime == long.MinValue || from > to)
        {
            return;
        }

        var upper = RocksDbSegmentedKeys.SegmentPrefix(SegmentOf(to) + 1);
        using var iterator = Db.Seek(RocksDbSegmentedKeys.SegmentPrefix(SegmentOf(from)));
        for (; iterator.Valid(); iterator.Next())
        {
            if (iterator.GetKeySpan().SequenceCompareTo(upper) >= 0)
            {
                break;
            }

            visit(iterator.Key(), iterator.Value());
        }
    }

    /// <summary>Calls <paramref name="visit"/> with every entry whose key is in [<paramref name="lower"/>, <paramref name="upper"/>], in key order.</summary>
    public void ScanKeys(byte[] lower, byte[] upper, Action<byte[], byte[]> visit)
    {
        using var iterator = Db.Seek(lower);
        for (; iterator.Valid(); iterator.Next())
        {
            if (iterator.GetKeySpan().SequenceCompareTo(upper) > 0)
            {
                break;
            }

            visit(iterator.Key(), iterator.Value());
        }
    }

    public byte[] Metadata()
    {
        var metadata = new byte[sizeof(long) + sizeof(int)];
        BinaryPrimitives.WriteInt64BigEndian(metadata, ObservedStreamTime);
        BinaryPrimitives.WriteInt32BigEndian(metadata.AsSpan(sizeof(long)), Seqnum);
        return metadata;
    }

    public void Flush()
    {
        Db.Put(RocksDbSegmentedKeys.MetadataKey, Metadata());
        Db.Flush();
    }

    public void Dispose()
    {
        Db.Put(RocksDbSegmentedKeys.MetadataKey, Metadata());
        Db.Dispose();
    }
}
