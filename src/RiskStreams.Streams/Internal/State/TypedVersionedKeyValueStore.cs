using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>The typed top layer of a versioned store: serdes between the processor's types and the bytes below.</summary>
internal sealed class TypedVersionedKeyValueStore<TKey, TValue>(IVersionedBytesStore inner, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    : IVersionedKeyValueStore<TKey, TValue>, IRestorableStore, ICountedStore
{
    private string _topic = inner.Name;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long ApproximateCount => inner.ApproximateCount;

    public TimeSpan HistoryRetention => TimeSpan.FromMilliseconds(inner.HistoryRetentionMs);

    public void Init(IStateStoreContext context)
    {
        // Serdes see the changelog topic name, as in Kafka Streams (schema subjects follow it).
        _topic = $"{context.ApplicationId}-{Name}-changelog";
        inner.Init(context);
    }

    public VersionedPutResult Put(TKey key, TValue value, long timestamp) =>
        inner.Put(Key(key), value is null ? null : valueSerde.Serialize(_topic, value), timestamp);

    public VersionedRecord<TValue>? Get(TKey key) => Decode(inner.Get(Key(key)));

    public VersionedRecord<TValue>? Get(TKey key, long asOfTimestamp) => Decode(inner.Get(Key(key), asOfTimestamp));

    public VersionedRecord<TValue>? Delete(TKey key, long timestamp)
    {
        var k = Key(key);
        var existing = inner.Get(k, timestamp);
        return inner.Put(k, null, timestamp).Stored ? Decode(existing) : null;
    }

    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    private byte[] Key(TKey key) => keySerde.Serialize(_topic, key) ?? throw new ArgumentNullException(nameof(key), $"Store {Name} does not accept null keys.");

    private VersionedRecord<TValue>? Decode(VersionedRecord<byte[]>? record) =>
        record is null ? null : new VersionedRecord<TValue>(valueSerde.Deserialize(_topic, record.Value, false), record.Timestamp, record.ValidTo);
}
