using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>The typed top layer of a session store: serdes between the processor's types and the bytes below.</summary>
internal sealed class TypedSessionStore<TKey, TAggregate>(ISessionBytesStore inner, Serde<TKey> keySerde, Serde<TAggregate> valueSerde)
    : ISessionStore<TKey, TAggregate>, IRestorableStore
{
    private string _topic = inner.Name;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public void Init(IStateStoreContext context)
    {
        _topic = $"{context.ApplicationId}-{Name}-changelog";
        inner.Init(context);
    }

    public bool TryFetchSession(TKey key, long start, long end, out TAggregate aggregate)
    {
        var bytes = inner.FetchSession(SerializeKey(key), start, end);
        aggregate = bytes is null ? default! : valueSerde.Deserialize(_topic, bytes, false);
        return bytes is not null;
    }

    public IEnumerable<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEndTime, long latestSessionStartTime) =>
        Decode(inner.FindSessions(SerializeKey(key), earliestSessionEndTime, latestSessionStartTime));

    public IEnumerable<KeyValuePair<Windowed<TKey>, TAggregate>> Fetch(TKey key) => FindSessions(key, long.MinValue, long.MaxValue);

    public IEnumerable<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessionsByEndTime(long earliestSessionEndTime, long latestSessionEndTime) =>
        Decode(inner.FindSessionsByEndTime(earliestSessionEndTime, latestSessionEndTime));

    public void Put(Windowed<TKey> session, TAggregate aggregate) =>
        inner.Put(new Windowed<byte[]>(SerializeKey(session.Key), session.Window), aggregate is null ? null : valueSerde.Serialize(_topic, aggregate));

    public void Remove(Windowed<TKey> session) => inner.Put(new Windowed<byte[]>(SerializeKey(session.Key), session.Window), null);

    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();

    private byte[] SerializeKey(TKey key) =>
        keySerde.Serialize(_topic, key) ?? throw new ArgumentNullException(nameof(key), $"Store {Name} does not accept null keys.");

    private List<KeyValuePair<Windowed<TKey>, TAggregate>> Decode(IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> entries)
    {
        var result = new List<KeyValuePair<Windowed<TKey>, TAggregate>>();
        foreach (var (session, bytes) in entries)
        {
            result.Add(KeyValuePair.Create(new Windowed<TKey>(keySerde.Deserialize(_topic, session.Key, false), session.Window), valueSerde.Deserialize(_topic, bytes, false)));
        }

        return result;
    }
}
