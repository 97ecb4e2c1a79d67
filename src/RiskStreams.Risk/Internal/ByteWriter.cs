using System.Buffers.Binary;
using System.Text;

namespace RiskStreams.Risk.Internal;

/// <summary>Appends the binary state format's primitives: LEB128 varints, zigzag longs, fixed 64-bit values, length-prefixed UTF-8.</summary>
internal sealed class ByteWriter
{
    [ThreadStatic]
    private static byte[]? t_scratch;

    private byte[] _buffer;
    private int _length;

    private ByteWriter(byte[] buffer) => _buffer = buffer;

    /// <summary>A writer over this thread's scratch buffer (reused between encodes; <see cref="ToArray"/> copies out).</summary>
    public static ByteWriter Rent() => new(t_scratch ??= new byte[4096]);

    public byte[] ToArray()
    {
        t_scratch = _buffer;
        return _buffer.AsSpan(0, _length).ToArray();
    }

    public void Byte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public void UInt(ulong value)
    {
        if (value < 0x80 && _length < _buffer.Length)
        {
            _buffer[_length++] = (byte)value;
            return;
        }

        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    public void Int(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Fixed64(ulong value)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void Double(double value) => Fixed64((ulong)BitConverter.DoubleToInt64Bits(value));

    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)bytes);
        Ensure(bytes);
        _length += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
    }

    /// <summary>0 for null, else 1 + the string.</summary>
    public void OptionalString(string? value)
    {
        Bool(value is not null);
        if (value is not null)
        {
            String(value);
        }
    }

    private void Ensure(int more)
    {
        if (_length + more > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + more));
        }
    }
}
