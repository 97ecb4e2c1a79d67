using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// The size check of logged stores (<see cref="StreamsOptions.MaxChangelogRecordBytes"/>), made before a write
/// reaches the cache, the changelog or the store, so a refused write changes none of them.
/// </summary>
internal readonly struct ChangelogRecordLimit
{
    /// <summary>Room for the changelog headers (input position, stream time) and the record's framing.</summary>
    public const int OverheadBytes = 512;

    private readonly int _maxBytes;

    private ChangelogRecordLimit(int maxBytes) => _maxBytes = maxBytes;

    /// <summary>The limit for stores of <paramref name="context"/>: none unless it logs changes and sets one.</summary>
    public static ChangelogRecordLimit Of(IStateStoreContext context) =>
        new(context.LogsChanges && context is IChangelogLimitContext limited ? limited.MaxChangelogRecordBytes : 0);

    /// <summary>Throws <see cref="StateRecordTooLargeException"/> if the changelog record of this write would be over the limit.</summary>
    /// <param name="store">The store written.</param>
    /// <param name="key">The serialized key as the caller has it.</param>
    /// <param name="keyExtraBytes">What the changelog key adds to it (window start, sequence number).</param>
    /// <param name="valueBytes">The serialized value's length (0 for a deletion).</param>
    public void Check(string store, byte[] key, int keyExtraBytes, int valueBytes)
    {
        if (_maxBytes <= 0)
        {
            return;
        }

        var size = (long)key.Length + keyExtraBytes + valueBytes + OverheadBytes;
        if (size > _maxBytes)
        {
            throw new StateRecordTooLargeException(store, key, size, _maxBytes);
        }
    }
}
