namespace RiskStreams.Streams.State;

/// <summary>A typed session store: an aggregate per key and session window, expired after the retention period.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TAggregate">Aggregate type.</typeparam>
public interface ISessionStore<TKey, TAggregate> : IStateStore, IReadOnlySessionStore<TKey, TAggregate>
{
    /// <summary>Sets the aggregate of <paramref name="session"/>; a null aggregate removes it.</summary>
    void Put(Windowed<TKey> session, TAggregate aggregate);

    /// <summary>Removes <paramref name="session"/>.</summary>
    void Remove(Windowed<TKey> session);
}
