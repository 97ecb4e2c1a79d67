using System.Buffers.Binary;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// One key's windows within one block interval of a <see cref="RocksDbWindowBytesStore"/>, kept as the bytes stored
/// under the block's RocksDB key: entries <c>[start: 8][seqnum: 4][length: 4][value]</c> (little-endian), ordered by
/// start, then sequence number. A store reads a block once per commit interval, changes it in memory (values are
/// overwritten in place when their length is unchanged, the common case of fixed-size aggregates) and writes it back
/// once at the commit, instead of a RocksDB get and put per window update. Instances are pooled by the store.
/// </summary>
internal sealed class RocksDbWindowBlock
{
    private const int EntryHeaderSize = sizeof(long) + sizeof(int) + sizeof(int);
    private byte[] _buffer = new byte[128];
    private int _length;

    /// <summary>Whether the block changed since it was read or last written to RocksDB.</summary>
    public bool Dirty { get; set; }

    public bool IsEmpty => _length == 0;

    /// <summary>The block's buffer; its first <see cref="Length"/> bytes are the stored form.</summary>
    public byte[] Buffer => _buffer;

    public int Length => _length;

    /// <summary>Takes the stored form <paramref name="stored"/> (empty when the block is absent); the block is clean.</summary>
    public void Load(ReadOnlySpan<byte> stored)
    {
        EnsureCapacity(stored.Length);
        stored.CopyTo(_buffer);
        _length = stored.Length;
        Dirty = false;
    }

    /// <summary>The value of the latest entry (highest sequence number) at <paramref name="start"/>.</summary>
    public bool TryGet(long start, out ReadOnlySpan<byte> value)
    {
        value = default;
        var found = false;
        for (var at = 0; at < _length; at += EntryHeaderSize + LengthAt(at))
        {
            var entryStart = StartAt(at);
            if (entryStart > start)
            {
                break;
            }

            if (entryStart == start)
            {
                value = _buffer.AsSpan(at + EntryHeaderSize, LengthAt(at));
                found = true;
            }
        }

        return found;
    }

    /// <summary>Sets the entry (<paramref name="start"/>, <paramref name="seqnum"/>) to <paramref name="value"/>, adding it in order when absent.</summary>
    public void Set(long start, int seqnum, ReadOnlySpan<byte> value)
    {
        var at = 0;
        for (; at < _length; at += EntryHeaderSize + LengthAt(at))
        {
            var c = Compare(at, start, seqnum);
            if (c == 0)
            {
                Replace(at, value);
                return;
            }

            if (c > 0)
            {
                break;
            }
        }

        Resize(at, 0, EntryHeaderSize + value.Length);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(at), start);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at + sizeof(long)), seqnum);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at + sizeof(long) + sizeof(int)), value.Length);
        value.CopyTo(_buffer.AsSpan(at + EntryHeaderSize));
    }

    /// <summary>Removes the entry (<paramref name="start"/>, <paramref name="seqnum"/>); false when there was none.</summary>
    public bool Remove(long start, int seqnum)
    {
        for (var at = 0; at < _length; at += EntryHeaderSize + LengthAt(at))
        {
            var c = Compare(at, start, seqnum);
            if (c == 0)
            {
                Resize(at, EntryHeaderSize + LengthAt(at), 0);
                return true;
            }

            if (c > 0)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>Calls <paramref name="visit"/> with every entry of the stored form <paramref name="stored"/> whose start is in [<paramref name="from"/>, <paramref name="to"/>], in order.</summary>
    public static void Visit<TState>(ReadOnlySpan<byte> stored, long from, long to, TState state, Action<TState, long, int, byte[]> visit)
    {
        for (var at = 0; at < stored.Length;)
        {
            var start = BinaryPrimitives.ReadInt64LittleEndian(stored[at..]);
            var seqnum = BinaryPrimitives.ReadInt32LittleEndian(stored[(at + sizeof(long))..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(stored[(at + sizeof(long) + sizeof(int))..]);
            if (start > to)
            {
                return;
            }

            if (start >= from)
            {
                visit(state, start, seqnum, stored.Slice(at + EntryHeaderSize, length).ToArray());
            }

            at += EntryHeaderSize + length;
        }
    }

    private long StartAt(int at) => BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(at));

    private int LengthAt(int at) => BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(at + sizeof(long) + sizeof(int)));

    private int Compare(int at, long start, int seqnum)
    {
        var c = StartAt(at).CompareTo(start);
        return c != 0 ? c : BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(at + sizeof(long))).CompareTo(seqnum);
    }

    private void Replace(int at, ReadOnlySpan<byte> value)
    {
        var old = LengthAt(at);
        if (old != value.Length)
        {
            Resize(at + EntryHeaderSize, old, value.Length);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at + sizeof(long) + sizeof(int)), value.Length);
        }

        value.CopyTo(_buffer.AsSpan(at + EntryHeaderSize));
    }

    /// <summary>Makes the <paramref name="oldSize"/> bytes at <paramref name="at"/> take <paramref name="newSize"/> bytes, moving what follows.</summary>
    private void Resize(int at, int oldSize, int newSize)
    {
        var delta = newSize - oldSize;
        EnsureCapacity(_length + delta);
        _buffer.AsSpan(at + oldSize, _length - at - oldSize).CopyTo(_buffer.AsSpan(at + newSize));
        _length += delta;
    }

    private void EnsureCapacity(int length)
    {
        if (_buffer.Length < length)
        {
            Array.Resize(ref _buffer, Math.Max(length, _buffer.Length * 2));
        }
    }
}
