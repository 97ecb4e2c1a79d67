using RiskStreams.Risk;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The account processor's view of the account-state store. When the store says when it flushes (<see cref="IFlushingStore"/>,
/// i.e. on every commit), the states changed since the last flush stay decoded in memory and are written once at the flush:
/// an account decided many times within one commit interval is decoded and encoded once, and its changelog gets its state as
/// of the commit — what a restore after a crash starts from. At most <see cref="MaxDirtyAccounts"/> states wait: beyond that
/// they are all written to the store (its record cache) at once, so memory stays bounded however long the commit interval.
/// Otherwise every save is written through.
/// </summary>
internal sealed class AccountStates
{
    public const int MaxDirtyAccounts = 4_096;

    private readonly IKeyValueStore<string, AccountRiskState> _store;
    private readonly Dictionary<string, AccountRiskState>? _dirty;

    public AccountStates(IKeyValueStore<string, AccountRiskState> store)
    {
        _store = store;
        if (store is IFlushingStore flushing)
        {
            _dirty = new Dictionary<string, AccountRiskState>(StringComparer.Ordinal);
            flushing.BeforeFlush(WriteDirty);
        }
    }

    public bool TryGet(string accountId, out AccountRiskState state) =>
        (_dirty is not null && _dirty.TryGetValue(accountId, out state!)) || _store.TryGet(accountId, out state);

    /// <summary>Records <paramref name="state"/> as the account's state (written now, or at the next flush).</summary>
    public void Save(string accountId, AccountRiskState state)
    {
        if (_dirty is null)
        {
            _store.Put(accountId, state);
        }
        else
        {
            _dirty[accountId] = state;
            if (_dirty.Count >= MaxDirtyAccounts)
            {
                WriteDirty();
            }
        }
    }

    private void WriteDirty()
    {
        foreach (var (accountId, state) in _dirty!)
        {
            _store.Put(accountId, state);
        }

        _dirty.Clear();
    }
}
