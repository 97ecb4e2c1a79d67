using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>Writes every change to the task's changelog (keys in <see cref="WindowKeySchema"/> layout), then to the inner store.</summary>
internal sealed class ChangeLoggingWindowBytesStore(IWindowBytesStore inner) : IWindowBytesStore, IRestorableStore, IWindowBytesSpanAccess
{
    private readonly IWindowBytesSpanAccess? _spans = inner as IWindowBytesSpanAccess;
    private IStateStoreContext? _context;
    private int _seqnum;
    private ChangelogRecordLimit _limit;

    public string Name => inner.Name;

    public bool Persistent => inner.Persistent;

    public long RetentionPeriodMs => inner.RetentionPeriodMs;

    public long WindowSizeMs => inner.WindowSizeMs;

    public bool RetainDuplicates => inner.RetainDuplicates;

    public void Init(IStateStoreContext context)
    {
        _context = context;
        _limit = ChangelogRecordLimit.Of(context);
        inner.Init(context);
    }

    public void Put(byte[] key, byte[]? value, long windowStart)
    {
        _limit.Check(Name, key, WindowKeySchema.TimestampSize + WindowKeySchema.SeqnumSize, value?.Length ?? 0);
        inner.Put(key, value, windowStart);
        if (_context is null)
        {
            return;
        }

        // Mirror the inner store's sequence numbers so duplicates keep distinct changelog keys.
        if (RetainDuplicates && value is not null)
        {
            _seqnum = (_seqnum + 1) & int.MaxValue;
        }

        if (!_context.LogsChanges)
        {
            return;
        }

        _context.LogChange(Name, WindowKeySchema.ToStoreKey(key, windowStart, _seqnum), value, _context.StreamTime);
    }

    public void Put(byte[] key, ReadOnlySpan<byte> value, long windowStart)
    {
        // A logged value goes to the changelog as an array of its own; an unlogged one is only copied by the store below.
        if ((_context is not null && (_context.LogsChanges || RetainDuplicates)) || _spans is null)
        {
            Put(key, value.ToArray(), windowStart);
            return;
        }

        _spans.Put(key, value, windowStart);
    }

    public bool TryFetch(byte[] key, long windowStart, out ReadOnlySpan<byte> value)
    {
        if (_spans is not null)
        {
            return _spans.TryFetch(key, windowStart, out value);
        }

        var bytes = inner.Fetch(key, windowStart);
        value = bytes;
        return bytes is not null;
    }

    public byte[]? Fetch(byte[] key, long windowStart) => inner.Fetch(key, windowStart);

    public IEnumerable<KeyValuePair<long, byte[]>> Fetch(byte[] key, long timeFrom, long timeTo) => inner.Fetch(key, timeFrom, timeTo);

    public IEnumerable<KeyValuePair<long, byte[]>> BackwardFetch(byte[] key, long timeFrom, long timeTo) => inner.BackwardFetch(key, timeFrom, timeTo);

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> FetchAll(long timeFrom, long timeTo) => inner.FetchAll(timeFrom, timeTo);

    public IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> All() => inner.All();

    /// <summary>
    /// Changelog records go to the inner store only; the sequence number continues after the largest restored one,
    /// so a duplicate written later never reuses the changelog key of a restored one.
    /// </summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        RestorableStore.Of(inner).Restore(batch);
        if (!RetainDuplicates)
        {
            return;
        }

        foreach (var record in batch)
        {
            _seqnum = Math.Max(_seqnum, WindowKeySchema.ExtractSeqnum(record.Key));
        }
    }

    public void Flush() => inner.Flush();

    public void Close() => inner.Close();
}
