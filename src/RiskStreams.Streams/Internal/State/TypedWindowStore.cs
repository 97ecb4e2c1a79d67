using System.Buffers.Binary;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// The typed top layer of a window store: serdes between the processor's types and the bytes below.
/// A timestamped store prefixes each value with the 8-byte big-endian timestamp of the window's latest
/// record (Kafka Streams' timestamped-store value layout); its plain view hides the prefix.
/// </summary>
internal sealed class TypedWindowStore<TKey, TValue>(IWindowBytesStore inner, Serde<TKey> keySerde, Serde<TValue> valueSerde, bool timestamped)
    : IWindowStore<TKey, TValue>, ITimestampedWindowStore<TKey, TValue>, IRestorableStore
{
    private const int TimestampSize = sizeof(long);
    private const long NoTimestamp = -1;
    private readonly IWindowBytesSpanAccess? _spans = inner as IWindowBytesSpanAccess;
    private string _topic = inner.Name;

    // Where a timestamped value is encoded before the store below copies it (puts come from the task's thread only).
    private byte[] _encoded = new byte[64];

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long WindowSizeMs => inner.WindowSizeMs;

    public void Init(IStateStoreContext context)
    {
        // Serdes see the changelog topic name, as in Kafka Streams (schema subjects follow it).
        _topic = $"{context.ApplicationId}-{Name}-changelog";
        inner.Init(context);
    }

    public bool TryFetch(TKey key, long windowStart, out TValue value)
    {
        var found = TryFetch(SerializeKey(key), windowStart, out var stored);
        value = stored.Value;
        return found;
    }

    public TValue? Fetch(TKey key, long windowStart) => TryFetch(key, windowStart, out var value) ? value : default;

    public IEnumerable<KeyValuePair<long, TValue>> Fetch(TKey key, long timeFrom, long timeTo) => Plain(FetchTimestamped(SerializeKey(key), timeFrom, timeTo, backward: false));

    public IEnumerable<KeyValuePair<long, TValue>> BackwardFetch(TKey key, long timeFrom, long timeTo) => Plain(FetchTimestamped(SerializeKey(key), timeFrom, timeTo, backward: true));

    public IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> FetchAll(long timeFrom, long timeTo) => Plain(FetchAllTimestamped(timeFrom, timeTo));

    public IEnumerable<KeyValuePair<Windowed<TKey>, TValue>> All() => Plain(Decode(inner.All()));

    public void Put(TKey key, TValue value, long windowStart) => Put(SerializeKey(key), new ValueAndTimestamp<TValue>(value, NoTimestamp), windowStart);

    public byte[] SerializeKey(TKey key) =>
        keySerde.Serialize(_topic, key) ?? throw new ArgumentNullException(nameof(key), $"Store {Name} does not accept null keys.");

    public bool TryFetch(byte[] key, long windowStart, out ValueAndTimestamp<TValue> value)
    {
        if (_spans is not null)
        {
            if (!_spans.TryFetch(key, windowStart, out var span))
            {
                value = default;
                return false;
            }

            value = DecodeValue(span);
            return true;
        }

        var bytes = inner.Fetch(key, windowStart);
        if (bytes is null)
        {
            value = default;
            return false;
        }

        value = DecodeValue(bytes);
        return true;
    }

    public void Put(byte[] key, ValueAndTimestamp<TValue> value, long windowStart)
    {
        if (_spans is null || !timestamped || value.Value is null)
        {
            inner.Put(key, EncodeValue(value), windowStart);
            return;
        }

        // The timestamp prefix is written into a reused buffer the store copies, not into a new array per put.
        var bytes = valueSerde.Serialize(_topic, value.Value);
        if (bytes is null)
        {
            inner.Put(key, null, windowStart);
            return;
        }

        var length = TimestampSize + bytes.Length;
        if (_encoded.Length < length)
        {
            _encoded = new byte[Math.Max(length, _encoded.Length * 2)];
        }

        BinaryPrimitives.WriteInt64BigEndian(_encoded, value.Timestamp);
        bytes.CopyTo(_encoded, TimestampSize);
        _spans.Put(key, _encoded.AsSpan(0, length), windowStart);
    }

    public List<KeyValuePair<long, ValueAndTimestamp<TValue>>> FetchTimestamped(byte[] key, long timeFrom, long timeTo, bool backward)
    {
        var entries = backward ? inner.BackwardFetch(key, timeFrom, timeTo) : inner.Fetch(key, timeFrom, timeTo);
        var result = new List<KeyValuePair<long, ValueAndTimestamp<TValue>>>();
        foreach (var (start, bytes) in entries)
        {
            result.Add(KeyValuePair.Create(start, DecodeValue(bytes)));
        }

        return result;
    }

    public List<KeyValuePair<Windowed<TKey>, ValueAndTimestamp<TValue>>> FetchAllTimestamped(long timeFrom, long timeTo) => Decode(inner.FetchAll(timeFrom, timeTo));

    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    private List<KeyValuePair<Windowed<TKey>, ValueAndTimestamp<TValue>>> Decode(IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> entries)
    {
        var result = new List<KeyValuePair<Windowed<TKey>, ValueAndTimestamp<TValue>>>();
        foreach (var (windowed, bytes) in entries)
        {
            result.Add(KeyValuePair.Create(new Windowed<TKey>(keySerde.Deserialize(_topic, windowed.Key, false), windowed.Window), DecodeValue(bytes)));
        }

        return result;
    }

    private static IEnumerable<KeyValuePair<TOut, TValue>> Plain<TOut>(List<KeyValuePair<TOut, ValueAndTimestamp<TValue>>> entries)
    {
        foreach (var (key, value) in entries)
        {
            yield return KeyValuePair.Create(key, value.Value);
        }
    }

    private byte[]? EncodeValue(ValueAndTimestamp<TValue> value)
    {
        var bytes = value.Value is null ? null : valueSerde.Serialize(_topic, value.Value);
        if (bytes is null || !timestamped)
        {
            return bytes;
        }

        var withTimestamp = new byte[TimestampSize + bytes.Length];
        BinaryPrimitives.WriteInt64BigEndian(withTimestamp, value.Timestamp);
        bytes.CopyTo(withTimestamp, TimestampSize);
        return withTimestamp;
    }

    private ValueAndTimestamp<TValue> DecodeValue(ReadOnlySpan<byte> bytes) => timestamped
        ? new(valueSerde.Deserialize(_topic, bytes[TimestampSize..], false), BinaryPrimitives.ReadInt64BigEndian(bytes))
        : new(valueSerde.Deserialize(_topic, bytes, false), NoTimestamp);
}
