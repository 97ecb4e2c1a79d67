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
/// <remarks>
/// <para>Events are decided in event-time order within a bounded disorder: an event later than the task's stream time
/// minus <c>reorderGrace</c> waits in the <see cref="ReorderBuffer"/> until stream time reaches its event time plus the
/// grace (checked after every record and on the stream-time punctuation) or until it has waited the grace on the wall
/// clock (a punctuation every <see cref="WallClockCheckInterval"/>), so a quiet partition never holds a decision for
/// long. An event older than that on arrival — a late PAID record hours old, say — is decided at once, never dropped;
/// so is one older than an event already released. Sync re-checks go through the same buffer at the stream time that
/// triggered them, after every held event up to then. A zero grace decides every event on arrival.</para>
/// <para>The policy in force when an event is decided (not when it arrived) decides it.</para>
/// </remarks>
internal sealed class AccountRiskProcessor(Func<RiskPolicy> policy, TimeSpan reorderGrace) : IProcessor<string, AccountEvent, string, LevelChange>
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

    private readonly long _graceMs = (long)reorderGrace.TotalMilliseconds;
    private IProcessorContext<string, LevelChange> _context = null!;
    private IKeyValueStore<string, AccountRiskState> _accounts = null!;
    private IKeyValueStore<string, long> _pending = null!;
    private ReorderBuffer _buffer = null!;
    private StoreSyncCoverage _coverage = null!;
    private long? _checkedCoverage;
    private AccountRiskDecider? _decider;

    /// <summary>
    /// How often the wall clock is checked for events that have waited the grace: the grace, but at most one second
    /// (and one second with a zero grace, when only what an earlier run left in the buffer can be waiting).
    /// </summary>
    public static TimeSpan WallClockCheckInterval(TimeSpan grace) =>
        grace > TimeSpan.Zero && grace < TimeSpan.FromSeconds(1) ? grace : TimeSpan.FromSeconds(1);

    public void Init(IProcessorContext<string, LevelChange> context)
    {
        _context = context;
        _accounts = context.GetStateStore<IKeyValueStore<string, AccountRiskState>>(RiskStoreNames.AccountState);
        _pending = context.GetStateStore<IKeyValueStore<string, long>>(RiskStoreNames.PendingSync);
        _buffer = new ReorderBuffer(context.GetStateStore<IKeyValueStore<ReorderKey, BufferedEvent>>(RiskStoreNames.ReorderBuffer));
        _coverage = new StoreSyncCoverage(context.GetStateStore<IReadOnlyKeyValueStore<string, SyncStatus>>(RiskStoreNames.SyncStatus));
        context.Schedule(RecheckInterval, PunctuationType.StreamTime, RecheckPendingAccounts);

        // Also with a zero grace: events a previous run with a grace left in the buffer still get out when the clock moves.
        context.Schedule(WallClockCheckInterval(reorderGrace), PunctuationType.WallClockTime, _ => ReleaseDue(includeWallClock: true));
    }

    public void Process(Record<string, AccountEvent> record)
    {
        ReleaseDue(includeWallClock: false);
        Submit(record.Value, record.Timestamp);
    }

    /// <summary>Decides <paramref name="e"/> now if it is due, else holds it in the buffer.</summary>
    private void Submit(AccountEvent e, long timestamp)
    {
        if (_buffer.IsDue(timestamp, EventTimeCutoff()))
        {
            Decide(e, timestamp);
        }
        else
        {
            _buffer.Add(e, timestamp, _context.WallClockTime);
        }
    }

    private void ReleaseDue(bool includeWallClock)
    {
        long? wallCutoff = includeWallClock ? _context.WallClockTime - _graceMs : null;
        _buffer.Release(EventTimeCutoff(), wallCutoff, Decide);
    }

    /// <summary>Stream time minus the grace: events up to it are decided; null before the task's first record.</summary>
    private long? EventTimeCutoff()
    {
        var streamTime = _context.StreamTime;
        return streamTime == long.MinValue ? null : streamTime < long.MinValue + _graceMs ? long.MinValue : streamTime - _graceMs;
    }

    private void Decide(AccountEvent e, long timestamp)
    {
        // A reloaded policy takes effect from the next event decided on.
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
        ReleaseDue(includeWallClock: false);
        var coverage = _coverage.OldestSyncedThroughMs;
        if (coverage is null || coverage == _checkedCoverage)
        {
            return;
        }

        _checkedCoverage = coverage;
        var eventId = string.Create(CultureInfo.InvariantCulture, $"sync-coverage@{coverage}");
        foreach (var (accountId, _) in _pending.All())
        {
            Submit(new SyncCheckEvent(eventId, accountId, streamTime), streamTime);
        }
    }
}
