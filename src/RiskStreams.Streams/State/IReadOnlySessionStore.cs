namespace RiskStreams.Streams.State;

/// <summary>Read access to a session store, also what interactive queries get.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TAggregate">Aggregate type.</typeparam>
public interface IReadOnlySessionStore<TKey, TAggregate>
{
    /// <summary>The aggregate of the session of <paramref name="key"/> exactly [<paramref name="start"/>, <paramref name="end"/>], if present.</summary>
    bool TryFetchSession(TKey key, long start, long end, out TAggregate aggregate);

    /// <summary>
    /// The sessions of <paramref name="key"/> that end at or after <paramref name="earliestSessionEndTime"/> and start at or
    /// before <paramref name="latestSessionStartTime"/>, by end, then start.
    /// </summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessions(TKey key, long earliestSessionEndTime, long latestSessionStartTime);

    /// <summary>Every unexpired session of <paramref name="key"/>, by end, then start.</summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TAggregate>> Fetch(TKey key);

    /// <summary>Every key's sessions ending in [<paramref name="earliestSessionEndTime"/>, <paramref name="latestSessionEndTime"/>], by end, then serialized key, then start.</summary>
    IEnumerable<KeyValuePair<Windowed<TKey>, TAggregate>> FindSessionsByEndTime(long earliestSessionEndTime, long latestSessionEndTime);
}
