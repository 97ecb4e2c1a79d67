using System.Buffers.Binary;
using System.Text;

namespace RiskStreams.Risk.Internal;

/// <summary>Reads what <see cref="ByteWriter"/> wrote; any truncation or malformed value is a <see cref="FormatException"/>.</summary>
internal ref struct ByteReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public readonly bool AtEnd => _at == _data.Length;

    public byte Byte() => _at < _data.Length ? _data[_at++] : throw Truncated();

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var other => throw new FormatException($"Account state is malformed: expected a flag, found {other}."),
    };

    public ulong UInt()
    {
        // Most values (deltas, flags, small counts) take one byte.
        if (_at < _data.Length && _data[_at] < 0x80)
        {
            return _data[_at++];
        }

        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("Account state is malformed: a number is too long.");
    }

    public long Int()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A count of items that must each take at least one byte of what is left.</summary>
    public int Count()
    {
        var count = UInt();
        return count <= (ulong)(_data.Length - _at) ? (int)count : throw new FormatException($"Account state is malformed: a count of {count} exceeds the data left.");
    }

    /// <summary>A count that fits an <see cref="int"/> (a total, not a number of items).</summary>
    public int Int32() => Int() is var value && value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new FormatException("Account state is malformed: a count is out of range.");

    public ulong Fixed64()
    {
        if (_data.Length - _at < 8)
        {
            throw Truncated();
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_data[_at..]);
        _at += 8;
        return value;
    }

    public double Double() => BitConverter.Int64BitsToDouble((long)Fixed64());

    public string String()
    {
        var length = Count();
        var text = Encoding.UTF8.GetString(_data.Slice(_at, length));
        _at += length;
        return text;
    }

    public string? OptionalString() => Bool() ? String() : null;

    private static FormatException Truncated() => new("Account state is truncated.");
}
