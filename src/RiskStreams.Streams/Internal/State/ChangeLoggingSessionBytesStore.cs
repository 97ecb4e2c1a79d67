using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>Writes every change to the task's changelog (keys in <see cref="SessionKeySchema"/> layout), then to the inner store.</summary>
internal sealed class ChangeLoggingSessionBytesStore(ISessionBytesStore inner) : ISessionBytesStore, IRestorableStore
{
    private IStateStoreContext? _context;
    private ChangelogRecordLimit _limit;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long RetentionPeriodMs => inner.RetentionPeriodMs;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        _limit = ChangelogRecordLimit.Of(context);
        inner.Init(context);
    }

    public void Put(Windowed<byte[]> session, byte[]? aggregate)
    {
        _limit.Check(Name, session.Key, SessionKeySchema.SuffixBytes, aggregate?.Length ?? 0);
        inner.Put(session, aggregate);
        _context?.LogChange(Name, SessionKeySchema.ToStoreKey(session), aggregate, _context.StreamTime);
    }

    public byte[]? FetchSession(byte[] key, long start, long end) => inner.FetchSession(key, start, end);

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessions(byte[] key, long earliestSessionEndTime, long latestSessionStartTime) =>
        inner.FindSessions(key, earliestSessionEndTime, latestSessionStartTime);

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FindSessionsByEndTime(long earliestSessionEndTime, long latestSessionEndTime) =>
        inner.FindSessionsByEndTime(earliestSessionEndTime, latestSessionEndTime);

    /// <summary>Changelog records go to the inner store only: they are in the changelog already.</summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch) => RestorableStore.Of(inner).Restore(batch);

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();
}
