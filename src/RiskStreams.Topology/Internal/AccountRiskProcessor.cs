using System.Globalization;
using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The stateful heart of the risk topology: for each account event, loads the account's state,
/// lets the policy decide, stores the state and forwards any level change. Accounts holding an
/// overdue bill are indexed and re-checked (every <see cref="RecheckInterval"/> of stream time)
/// when the payment sources' sync coverage moves, so a bill that was pending becomes confirmed,
/// or stays capped, without waiting for the account's next event.
/// </summary>
internal sealed class AccountRiskProcessor(Func<RiskPolicy> policy) : IProcessor<string, AccountEvent, string, LevelChange>
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

    private IProcessorContext<string, LevelChange> _context = null!;
    private IKeyValueStore<string, AccountRiskState> _accounts = null!;
    private IKeyValueStore<string, long> _pending = null!;
    private StoreSyncCoverage _coverage = null!;
    private long? _checkedCoverage;
    private AccountRiskDecider? _decider;

    public void Init(IProcessorContext<string, LevelChange> context)
    {
        _context = context;
        _accounts = context.GetStateStore<IKeyValueStore<string, AccountRiskState>>(RiskStoreNames.AccountState);
        _pending = context.GetStateStore<IKeyValueStore<string, long>>(RiskStoreNames.PendingSync);
        _coverage = new StoreSyncCoverage(context.GetStateStore<IReadOnlyKeyValueStore<string, SyncStatus>>(RiskStoreNames.SyncStatus));
        context.Schedule(RecheckInterval, PunctuationType.StreamTime, RecheckPendingAccounts);
    }

    public void Process(Record<string, AccountEvent> record) => Decide(record.Value, record.Timestamp);

    private void Decide(AccountEvent e, long timestamp)
    {
        // A reloaded policy takes effect from the next event on.
        var current = policy();
        if (_decider is null || !ReferenceEquals(_decider.Policy, current))
        {
            _decider = new AccountRiskDecider(current);
        }

        var decider = _decider;
        var state = _accounts.TryGet(e.AccountId, out var held) ? held : new AccountRiskState();
        var change = decider.Apply(state, e, _coverage);
        _accounts.Put(e.AccountId, state);
        if (state.HasOverdueBills)
        {
            _pending.Put(e.AccountId, timestamp);
        }
        else
        {
            _pending.Delete(e.AccountId);
        }

        if (change is not null)
        {
            _context.Forward(new Record<string, LevelChange>(change.AccountId, change, change.EventTimeMs));
        }
    }

    private void RecheckPendingAccounts(long streamTime)
    {
        var coverage = _coverage.OldestSyncedThroughMs;
        if (coverage is null || coverage == _checkedCoverage)
        {
            return;
        }

        _checkedCoverage = coverage;
        var eventId = string.Create(CultureInfo.InvariantCulture, $"sync-coverage@{coverage}");
        foreach (var (accountId, _) in _pending.All())
        {
            Decide(new SyncCheckEvent(eventId, accountId, streamTime), streamTime);
        }
    }
}
