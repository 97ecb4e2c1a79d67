namespace RiskStreams.Streams.State;

/// <summary>
/// The bottom layer of a session store: byte keys, byte aggregates, one entry per session
/// <c>[start, end]</c>. Sessions whose end is before the store's observed stream time (the largest
/// session end written) minus the retention period are expired. Reads return snapshots.
/// </summary>
public interface ISessionBytesStore : IStateStore
{
    /// <summary>How long sessions are kept, in milliseconds, measured from the largest session end written.</summary>
    long RetentionPeriodMs { get; }

    /// <summary>Sets the aggregate of <paramref name="session"/>; a null aggregate removes the session.</summary>
    void Put(Windowed<byte[]> session, byte[]? aggregate);

    /// <summary>The aggregate of the session of <paramref name="key"/> exactly [<paramref name="start"/>, <paramref name="end"/>], or null.</summary>
    byte[]? FetchSession(byte[] key, long start, long end);

    /// <summary>
    /// The sessions of <paramref name="key"/> that end at or after <paramref name="earliestSessionEndTime"/> and start at or
    /// before <paramref name="latestSessionStartTime"/> (those a record could merge with), by end, then start.
    /// </summary>
    IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessions(byte[] key, long earliestSessionEndTime, long latestSessionStartTime);

    /// <summary>Every key's sessions ending in [<paramref name="earliestSessionEndTime"/>, <paramref name="latestSessionEndTime"/>], by end, then key bytes, then start.</summary>
    IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessionsByEndTime(long earliestSessionEndTime, long latestSessionEndTime);
}
