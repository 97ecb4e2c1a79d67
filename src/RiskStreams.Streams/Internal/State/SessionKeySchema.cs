using System.Buffers.Binary;

namespace RiskStreams.Streams.Internal.State;

/// <summary>Kafka Streams' session-store key layout (changelog keys): key bytes + 8-byte big-endian end + 8-byte big-endian start.</summary>
internal static class SessionKeySchema
{
    private const int TimestampSize = sizeof(long);

    /// <summary>What the layout adds to the key: session end and start.</summary>
    public const int SuffixBytes = 2 * TimestampSize;

    public static byte[] ToStoreKey(Windowed<byte[]> session)
    {
        var key = session.Key;
        var bytes = new byte[key.Length + (2 * TimestampSize)];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), session.Window.EndMs);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length + TimestampSize), session.Window.StartMs);
        return bytes;
    }

    /// <summary>The session a store-layout key names.</summary>
    public static Windowed<byte[]> FromStoreKey(ReadOnlySpan<byte> storeKey)
    {
        var keyLength = storeKey.Length - (2 * TimestampSize);
        var end = BinaryPrimitives.ReadInt64BigEndian(storeKey[keyLength..]);
        var start = BinaryPrimitives.ReadInt64BigEndian(storeKey[(keyLength + TimestampSize)..]);
        return new Windowed<byte[]>(storeKey[..keyLength].ToArray(), new Window(start, end));
    }
}
