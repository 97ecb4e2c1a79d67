using System.Buffers.Binary;
using RiskStreams.Streams.Internal.Windowing;

namespace RiskStreams.Streams;

/// <summary>
/// Serdes of <see cref="Windowed{TKey}"/> keys in Kafka Streams' layouts, so Java and .NET consumers read
/// the same bytes: time-windowed = key bytes + 8-byte big-endian start; session-windowed = key bytes +
/// 8-byte big-endian end + 8-byte big-endian start.
/// </summary>
public static class WindowedSerdes
{
    private const int TimestampSize = sizeof(long);

    /// <summary>
    /// Time-windowed keys: the key's bytes followed by the window start. The end is not written; reading
    /// computes it as start + <paramref name="windowSize"/> (the aggregation's window size, or the time
    /// difference of sliding windows).
    /// </summary>
    public static Serde<Windowed<TKey>> TimeWindowed<TKey>(Serde<TKey> keySerde, TimeSpan windowSize) =>
        TimeWindowed(keySerde, WindowTime.Milliseconds(windowSize, nameof(windowSize)));

    /// <summary>Session-windowed keys: the key's bytes followed by the window end and start (both ends are kept).</summary>
    public static Serde<Windowed<TKey>> SessionWindowed<TKey>(Serde<TKey> keySerde)
    {
        ArgumentNullException.ThrowIfNull(keySerde);
        var keys = new KeyBytesCache<TKey>(keySerde);
        return Serde<Windowed<TKey>>.From(
            (topic, windowed) =>
            {
                var key = keys.Serialize(topic, windowed);
                var bytes = new byte[key.Length + (2 * TimestampSize)];
                key.CopyTo(bytes, 0);
                BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowed.Window.EndMs);
                BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length + TimestampSize), windowed.Window.StartMs);
                return bytes;
            },
            (topic, data, isNull) =>
            {
                if (isNull)
                {
                    return default;
                }

                var keyLength = CheckLength(data, 2 * TimestampSize);
                var end = BinaryPrimitives.ReadInt64BigEndian(data[keyLength..]);
                var start = BinaryPrimitives.ReadInt64BigEndian(data[(keyLength + TimestampSize)..]);
                return new Windowed<TKey>(keySerde.Deserialize(topic, data[..keyLength], false), new Window(start, end));
            });
    }

    internal static Serde<Windowed<TKey>> TimeWindowed<TKey>(Serde<TKey> keySerde, long windowSizeMs)
    {
        ArgumentNullException.ThrowIfNull(keySerde);
        if (windowSizeMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowSizeMs), windowSizeMs, "Window size must not be negative.");
        }

        var keys = new KeyBytesCache<TKey>(keySerde);
        return Serde<Windowed<TKey>>.From(
            (topic, windowed) =>
            {
                var key = keys.Serialize(topic, windowed);
                var bytes = new byte[key.Length + TimestampSize];
                key.CopyTo(bytes, 0);
                BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), windowed.Window.StartMs);
                return bytes;
            },
            (topic, data, isNull) =>
            {
                if (isNull)
                {
                    return default;
                }

                var keyLength = CheckLength(data, TimestampSize);
                var start = BinaryPrimitives.ReadInt64BigEndian(data[keyLength..]);
                return new Windowed<TKey>(keySerde.Deserialize(topic, data[..keyLength], false), new Window(start, WindowTime.SaturatedAdd(start, windowSizeMs)));
            });
    }

    /// <summary>
    /// Serializes windowed keys' inner keys, reusing the bytes of the last string key when the same instance comes again:
    /// an aggregation forwards one record's key in several windows in a row. The bytes are only copied, never handed out.
    /// </summary>
    private sealed class KeyBytesCache<TKey>(Serde<TKey> keySerde)
    {
        // One immutable entry swapped as a whole, so a serde shared by several threads stays consistent.
        private LastKey? _last;

        public byte[] Serialize(string topic, Windowed<TKey> windowed)
        {
            if (windowed.Key is string text && Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Key, text) && ReferenceEquals(last.Topic, topic))
            {
                return last.Bytes;
            }

            var bytes = keySerde.Serialize(topic, windowed.Key) ?? throw new ArgumentException("A windowed key needs a non-null key.", nameof(windowed));
            if (windowed.Key is string key)
            {
                Volatile.Write(ref _last, new LastKey(key, topic, bytes));
            }

            return bytes;
        }

        private sealed record LastKey(string Key, string Topic, byte[] Bytes);
    }

    private static int CheckLength(ReadOnlySpan<byte> data, int suffix) =>
        data.Length >= suffix
            ? data.Length - suffix
            : throw new ArgumentException($"A windowed key needs at least {suffix} bytes; got {data.Length}.", nameof(data));
}
