using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>The typed top layer: serdes between the processor's types and the bytes below.</summary>
internal sealed class TypedKeyValueStore<TKey, TValue>(IKeyValueBytesStore inner, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    : IKeyValueStore<TKey, TValue>, IRestorableStore, ICountedStore, IFlushingStore
{
    private string _topic = inner.Name;
    private Action? _beforeFlush;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long ApproximateCount => inner.ApproximateCount;

    public void Init(IStateStoreContext context)
    {
        // Serdes see the changelog topic name, as in Kafka Streams (schema subjects follow it).
        _topic = $"{context.ApplicationId}-{Name}-changelog";
        inner.Init(context);
    }

    public bool TryGet(TKey key, out TValue value)
    {
        var bytes = inner.Get(Key(key));
        if (bytes is null)
        {
            value = default!;
            return false;
        }

        value = valueSerde.Deserialize(_topic, bytes, false);
        return true;
    }

    public void Put(TKey key, TValue value) => inner.Put(Key(key), value is null ? null : valueSerde.Serialize(_topic, value));

    public bool Delete(TKey key)
    {
        var k = Key(key);
        var existed = inner.Get(k) is not null;
        if (existed)
        {
            inner.Put(k, null);
        }

        return existed;
    }

    public IEnumerable<KeyValuePair<TKey, TValue>> Range(TKey from, TKey to) => Decode(inner.Range(Key(from), Key(to)));

    public IEnumerable<KeyValuePair<TKey, TValue>> All() => Decode(inner.Range(null, null));

    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void BeforeFlush(Action beforeFlush) => _beforeFlush += beforeFlush;

    public void Flush()
    {
        _beforeFlush?.Invoke();
        inner.Flush();
    }

    public void Close() => inner.Close();

    private byte[] Key(TKey key) => keySerde.Serialize(_topic, key) ?? throw new ArgumentNullException(nameof(key), $"Store {Name} does not accept null keys.");

    private IEnumerable<KeyValuePair<TKey, TValue>> Decode(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        foreach (var (k, v) in entries)
        {
            yield return KeyValuePair.Create(keySerde.Deserialize(_topic, k, false), valueSerde.Deserialize(_topic, v, false));
        }
    }
}
