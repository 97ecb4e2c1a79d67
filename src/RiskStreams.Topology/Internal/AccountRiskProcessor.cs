using System.Globalization;
using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Risk.Rules;
using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The stateful heart of the risk topology: for each account event, loads the account's state,
/// lets the policy decide, stores the state and forwards any level change. Accounts holding an
/// overdue bill are indexed and re-checked (every <see cref="RecheckInterval"/> of stream time)
/// when the payment sources' sync coverage moves; accounts above NORMAL get a step-down timer that
/// fires in stream time once their cooldown may have passed, so a quiet account steps down without
/// waiting for its own next event.
/// </summary>
/// <remarks>
/// <para>Everything here goes by the task's stream time, never the wall clock: the same input gives the same decisions
/// however it is paced, restarted or replayed. Events are decided in event-time order within a bounded disorder: an event
/// later than stream time minus <c>reorderGrace</c> waits in the <see cref="ReorderBuffer"/> until stream time reaches its
/// event time plus the grace. Held events and due step-down timers are released together in time order (an event before a
/// timer due at the same instant). An event older than the cutoff on arrival — a late PAID record hours old, say — is decided
/// at once, never dropped; so is one older than an event already released. Sync re-checks go through the same buffer at the
/// stream time that triggered them. A zero grace decides every event on arrival. What is due is released on every record
/// and on the stream-time punctuation; timers live in <see cref="StepDownTimers"/> (changelogged), so a restart resumes
/// them. An event further than the maximum event age behind stream time was refused before it got here (<see cref="EventAgeCheck"/>).</para>
/// <para>With the entity branches on, every login and transaction arrives twice: bare, straight from its topic, and again
/// enriched with its device's, address's or merchant's window (<see cref="EntityBranches"/>). The bare event takes its place
/// in the order above; when its turn comes it waits — and everything after it — until the enriched one completes it, so the
/// order of decisions never depends on how long the entity branches took. One not completed within
/// <see cref="RiskTopologyOptions.EntityEnrichmentTimeout"/> of wall-clock time is decided without it (counted); an enriched event with
/// no bare one waiting is kept (<see cref="EarlyEnrichments"/>): a replay delivers the enriched copy of an event out of order
/// in its partition before the bare one, which is then decided enriched in its own place; one never claimed was a duplicate.</para>
/// <para>The policy in force when an event is decided (not when it arrived) decides it. The domain is called in
/// <see cref="Decide"/> and <see cref="StepDown"/> only.</para>
/// </remarks>
internal sealed class AccountRiskProcessor(Func<RiskPolicy> policy, RiskTopologyOptions options) : IProcessor<string, AccountEvent, string, LevelChange>
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromMinutes(1);

    private readonly long _graceMs = (long)options.ReorderGrace.TotalMilliseconds;
    private readonly MerchantCardTestingRule _merchantRule = options.Policy.Rules.Get<MerchantCardTestingRule>();
    private readonly long _enrichmentTimeoutMs = (long)options.EntityEnrichmentTimeout.TotalMilliseconds;
    private readonly EarlyEnrichments _early = new((long)options.EntityMaxLateness.TotalMilliseconds);
    private IProcessorContext<string, LevelChange> _context = null!;
    private AccountStates _accounts = null!;
    private IKeyValueStore<string, long> _pending = null!;
    private ReorderBuffer _buffer = null!;
    private StepDownTimers _timers = null!;
    private StoreSyncCoverage _coverage = null!;
    private long? _checkedCoverage;
    private long _drainsSeen;
    private AccountRiskDecider? _decider;
    private AccountLevelCounts _levels = null!;

    public void Init(IProcessorContext<string, LevelChange> context)
    {
        _context = context;
        var accountStore = context.GetStateStore<IKeyValueStore<string, AccountRiskState>>(RiskStoreNames.AccountState);
        _accounts = new AccountStates(accountStore);
        _levels = AccountLevelCounts.Count(accountStore);
        _pending = context.GetStateStore<IKeyValueStore<string, long>>(RiskStoreNames.PendingSync);
        _buffer = new ReorderBuffer(context.GetStateStore<IKeyValueStore<ReorderKey, AccountEvent>>(RiskStoreNames.ReorderBuffer),
            AwaitsEnrichment, () => _context.WallClockTime);
        _timers = new StepDownTimers(context.GetStateStore<IKeyValueStore<string, long>>(RiskStoreNames.StepDownTimers));
        _coverage = new StoreSyncCoverage(context.GetStateStore<IReadOnlyKeyValueStore<string, SyncStatus>>(RiskStoreNames.SyncStatus));
        context.Schedule(RecheckInterval, PunctuationType.StreamTime, RecheckPendingAccounts);
        if (options.EntitySignals && options.Drain is null)
        {
            // A held event whose enrichment is overdue is decided even if no record comes (live only: offline never times out).
            context.Schedule(TimeSpan.FromSeconds(1), PunctuationType.WallClockTime, _ => Advance(EventTimeCutoff()));
        }
        if (options.Drain is { } drain)
        {
            // Offline only: once the input has ended, decide what is held as if the grace had passed in stream time.
            context.Schedule(TimeSpan.FromMilliseconds(1), PunctuationType.WallClockTime, _ =>
            {
                // Through the latest event held, should stream time not know it (a task restored from its changelogs
                // that has seen no record since).
                if (drain.TryTake(ref _drainsSeen) && Max(_context.StreamTime, _buffer.LatestEventTimeMs) is { } end && end != long.MinValue)
                {
                    Advance(end);
                }
            });
        }
    }

    public void Close() => _levels.Close();

    public void Process(Record<string, AccountEvent> record)
    {
        if (record.Value.Entity is not null)
        {
            if (_buffer.TryComplete(record.Value))
            {
                // The enrichment of a held login or transaction (its age was checked when it arrived bare).
                Advance(EventTimeCutoff());
                return;
            }

            // Ahead of its bare copy (a replay): decided in the bare copy's place when it comes; or a duplicate, dropped.
            _early.Prune(_context.StreamTime);
            _early.Add(record.Value, record.Timestamp);
            return;
        }

        var cutoff = EventTimeCutoff();
        Advance(cutoff);
        if (Submit(options.EntitySignals ? _early.Enriched(record.Value) : record.Value, record.Timestamp, cutoff))
        {
            // Deciding may have set a timer that is already due.
            Advance(cutoff);
        }
    }

    /// <summary>
    /// Decides <paramref name="e"/> now if it is due and nothing released before it waits (returns true; a due event that must
    /// wait goes to the end of the ready queue), else holds it in the buffer.
    /// </summary>
    private bool Submit(AccountEvent e, long timestamp, long? cutoff)
    {
        if (!_buffer.IsDue(timestamp, cutoff))
        {
            _buffer.Add(e, timestamp);
            return false;
        }

        if (_buffer.TryPeekReady(out _) || AwaitsEnrichment(e))
        {
            _buffer.AddReady(e, timestamp);
            return true;
        }

        Decide(e);
        return true;
    }

    /// <summary>
    /// Decides held events and fires step-down timers up to <paramref name="cutoff"/>, in time order: due events move to the
    /// ready queue and are decided from there in that order, unless the first awaits its enrichment — then those behind it wait
    /// too, and only timers due before it fire.
    /// </summary>
    private void Advance(long? cutoff)
    {
        if (cutoff is not { } through)
        {
            return;
        }

        while (true)
        {
            var nextTimer = _timers.NextDueMs;
            if (_buffer.TryPeekReady(out var ready))
            {
                if (nextTimer is { } before && before <= through && before < ready.Key.EventTimeMs)
                {
                    FireNextTimer(through, before);
                }
                else if (!ready.AwaitsEntities || Overdue(ready))
                {
                    Decide(_buffer.TakeReady());
                }
                else
                {
                    // Their order is fixed now: whatever is due queues behind the event waiting for its enrichment.
                    _buffer.ReleaseThrough(through);
                    return;
                }

                continue;
            }

            var nextEvent = _buffer.NextEventTimeMs;
            if (nextEvent is { } eventTime && eventTime <= through && (nextTimer is not { } timerTime || eventTime <= timerTime))
            {
                _buffer.ReleaseNextThrough(through);
            }
            else if (nextTimer is { } due && due <= through)
            {
                FireNextTimer(through, due);
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Whether <paramref name="e"/> must wait for its enriched copy (a bare login or transaction, with the entity branches on).</summary>
    private bool AwaitsEnrichment(AccountEvent e) => options.EntitySignals && EntityBranches.AwaitsEnrichment(e, _merchantRule);

    private void FireNextTimer(long through, long dueMs)
    {
        _timers.TryTakeThrough(through, out var accountId, out _);
        StepDown(accountId, dueMs);
    }

    /// <summary>
    /// Whether a held event's enrichment is overdue (it has waited <see cref="RiskTopologyOptions.EntityEnrichmentTimeout"/> of
    /// wall-clock time; never offline): then it is decided without.
    /// </summary>
    private bool Overdue(HeldEvent held)
    {
        if (options.Drain is not null || _context.WallClockTime - held.HeldSinceWallClockMs < _enrichmentTimeoutMs)
        {
            return false;
        }

        RiskMetrics.EntityEnrichmentOverdue.Add(1, new KeyValuePair<string, object?>("stream", held.Event.Stream));
        return true;
    }

    private static long? Max(long streamTime, long? latestHeld) => latestHeld is { } held ? Math.Max(streamTime, held) : streamTime;

    /// <summary>Stream time minus the grace: events up to it are decided; null before the task's first record.</summary>
    private long? EventTimeCutoff()
    {
        var streamTime = _context.StreamTime;
        return streamTime == long.MinValue ? null : streamTime < long.MinValue + _graceMs ? long.MinValue : streamTime - _graceMs;
    }

    private AccountRiskDecider Decider()
    {
        // A reloaded policy takes effect from the next event decided on.
        var current = policy();
        if (_decider is null || !ReferenceEquals(_decider.Policy, current))
        {
            _decider = new AccountRiskDecider(current);
        }

        return _decider;
    }

    private void Decide(AccountEvent e)
    {
        var decider = Decider();
        var known = _accounts.TryGet(e.AccountId, out var held);
        var state = known ? held : new AccountRiskState();
        if (decider.AlreadyApplied(state, e.EventId))
        {
            // Sync re-checks are generated here and may repeat after a restart; only input events count as duplicates.
            if (e is not SyncCheckEvent)
            {
                RiskMetrics.DuplicateEvents.Add(1, new KeyValuePair<string, object?>("stream", e.Stream));
            }

            return;
        }

        var before = state.Level;
        var change = decider.Apply(state, e, _coverage);
        _levels.Moved(known ? before : null, state.Level);
        Counted(e);
        Save(e.AccountId, state, e.OccurredAtMs, decider.NextStepDownCheckMs(state));
        Forward(e.AccountId, change);
    }

    private void StepDown(string accountId, long dueMs)
    {
        if (!_accounts.TryGet(accountId, out var state))
        {
            return;
        }

        var decider = Decider();
        var before = state.Level;
        var change = decider.StepDown(state, dueMs, _coverage);
        _levels.Moved(before, state.Level);
        RiskMetrics.StepDownChecks.Add(1, new KeyValuePair<string, object?>("outcome", change is null ? "held" : "changed"));

        // A next check not after this one would fire again at once: the account's next event sets a new one instead.
        var next = decider.NextStepDownCheckMs(state);
        Save(accountId, state, dueMs, next > dueMs ? next : null);
        Forward(accountId, change);
    }

    /// <summary>Counts a decided event and, for input events, observes its event-time-to-decision latency.</summary>
    private void Counted(AccountEvent e)
    {
        var stream = new KeyValuePair<string, object?>("stream", e.Stream);
        RiskMetrics.EventsDecided.Add(1, stream);
        if (e is not SyncCheckEvent && RiskMetrics.DecisionLatency.Enabled)
        {
            RiskMetrics.DecisionLatency.Record((options.Clock.GetUtcNow().ToUnixTimeMilliseconds() - e.OccurredAtMs) / 1000.0, stream);
        }
    }

    private void Save(string accountId, AccountRiskState state, long decidedAtMs, long? nextStepDownMs)
    {
        _accounts.Save(accountId, state);
        if (state.HasOverdueBills)
        {
            _pending.Put(accountId, decidedAtMs);
        }
        else
        {
            _pending.Delete(accountId);
        }

        _timers.Set(accountId, nextStepDownMs);
    }

    private void Forward(string accountId, LevelChange? change)
    {
        if (change is null)
        {
            return;
        }

        var keyed = change.AccountId == accountId ? change : change with { AccountId = accountId };
        _context.Forward(new Record<string, LevelChange>(accountId, keyed, keyed.EventTimeMs));
    }

    private void RecheckPendingAccounts(long streamTime)
    {
        Advance(EventTimeCutoff());
        var coverage = _coverage.OldestSyncedThroughMs;
        if (coverage is null || coverage == _checkedCoverage)
        {
            return;
        }

        _checkedCoverage = coverage;
        var eventId = string.Create(CultureInfo.InvariantCulture, $"sync-coverage@{coverage}");
        var cutoff = EventTimeCutoff();
        foreach (var (accountId, _) in _pending.All())
        {
            Submit(new SyncCheckEvent(eventId, accountId, streamTime), streamTime, cutoff);
        }
    }
}
