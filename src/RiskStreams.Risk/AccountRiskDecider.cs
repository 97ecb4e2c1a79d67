using System.Globalization;
using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk;

/// <summary>
/// Applies one account event to that account's state and decides whether its level changes.
/// Levels rise at once. A level falls only once the account's score has not called for it for the
/// level's cooldown (<see cref="LevelCooldowns"/>, event time), except that a full repayment of an overdue
/// bill lowers it at once. Deterministic: the same events in the same order give the same changes.
/// </summary>
/// <remarks>
/// <para><b>Idempotent.</b> An event whose <see cref="AccountEvent.EventId"/> was already applied to the account changes
/// nothing (<see cref="AlreadyApplied"/>). The account remembers the ids of the events applied within the last
/// 24 hours of its own clock, at most the latest 256: a duplicate arriving later than that is applied again.</para>
/// <para><b>Time.</b> The account's clock is the latest event time applied (or stream time passed to
/// <see cref="StepDown(AccountRiskState, long, ISyncCoverage)"/>); it never moves backwards, and every window and
/// cooldown is measured on it. Events must have passed the caller's time-skew guard: an event far in the future
/// would move the clock (and so age windows and cooldowns) as any event does.</para>
/// </remarks>
public sealed partial class AccountRiskDecider(RiskPolicy policy)
{
    /// <summary>The <see cref="LevelChange.TriggeringStream"/> of a change decided by <see cref="StepDown(AccountRiskState, long, ISyncCoverage)"/>.</summary>
    public const string StepDownStream = "stream-time";

    /// <summary>The policy deciding changes.</summary>
    public RiskPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>True when an event with <paramref name="eventId"/> was already applied to the account within the dedupe horizon.</summary>
    public bool AlreadyApplied(AccountRiskState state, string eventId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(eventId);
        var hash = StableHash.Of(eventId);
        foreach (var applied in state.AppliedEvents)
        {
            if (applied.IdHash == hash)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Folds <paramref name="e"/> into <paramref name="state"/>; returns the change it causes, if any. An event already
    /// applied (same id, <see cref="AlreadyApplied"/>) returns null and leaves the state unchanged.
    /// </summary>
    public LevelChange? Apply(AccountRiskState state, AccountEvent e, ISyncCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(coverage);
        if (AlreadyApplied(state, e.EventId))
        {
            return null;
        }

        state.AccountId = e.AccountId;
        if (e is ReviewEvent review)
        {
            return ApplyReview(state, review, coverage);
        }

        var overdueBefore = e is RepaymentEvent r && state.Bills.TryGetValue(r.BillId, out var bill) && bill.IsOverdue;
        FeatureUpdater.Apply(state, e, Policy);
        Remember(state, e);
        var trigger = new Trigger(e.EventId, e.Stream, e.OccurredAtMs);
        var ended = ReviewDecisions.Expire(state);
        var assessment = Assessor.Assess(state, coverage, Policy);
        if (ended is not null)
        {
            return Resume(state, trigger, assessment, ended);
        }

        if (ReviewDecisions.Override(state) is not null)
        {
            // A reviewer's OVERRIDE pins the level until it ends: the event updates the features only.
            return null;
        }

        if (assessment.Level < state.Level && overdueBefore && e is RepaymentEvent { State: BillState.Paid } paid)
        {
            var received = RuleContext.Reason(Policy, ReasonCodes.RepaymentReceived,
                ("billId", paid.BillId), ("amountPaidMinor", I(paid.AmountPaidMinor)));
            return Change(state, trigger, assessment.Level, assessment.Score, [received, .. assessment.Reasons], assessment);
        }

        return Decide(state, trigger, assessment);
    }

    /// <summary>
    /// Re-assesses a quiet account as of <paramref name="streamTimeMs"/> (windows aged out as of then) and lowers its level
    /// if the cooldown has passed, exactly as <see cref="Apply"/> would for an event at that time, with the same
    /// <see cref="ReasonCodes.RiskCleared"/> reason and actions. For a stream-time timer when no event arrived (see
    /// <see cref="NextStepDownCheckMs"/>). The account's clock never moves backwards: a time before it is taken as the
    /// clock itself. Returns null when nothing changes. The change's trigger is <c>step-down@{time}</c> on
    /// <see cref="StepDownStream"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The state does not know its account yet (<see cref="AccountRiskState.AccountId"/>): use the overload taking the account id.</exception>
    public LevelChange? StepDown(AccountRiskState state, long streamTimeMs, ISyncCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(state);
        var accountId = state.AccountId
            ?? throw new InvalidOperationException("The account state does not know its account id yet; call StepDown with the account id.");
        return StepDown(state, accountId, streamTimeMs, coverage);
    }

    /// <summary><see cref="StepDown(AccountRiskState, long, ISyncCoverage)"/> for a state that may not know its account id yet (one decoded from an older format).</summary>
    public LevelChange? StepDown(AccountRiskState state, string accountId, long streamTimeMs, ISyncCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(coverage);
        state.AccountId = accountId;
        if (state.Level == RiskLevel.Normal && ReviewDecisions.Override(state) is null)
        {
            return null;
        }

        FeatureUpdater.AdvanceClock(state, streamTimeMs);
        var at = state.StreamTimeMs;
        var trigger = new Trigger(string.Create(CultureInfo.InvariantCulture, $"step-down@{at}"), StepDownStream, at);
        var ended = ReviewDecisions.Expire(state);
        var assessment = Assessor.Assess(state, coverage, Policy);
        if (ended is not null)
        {
            return Resume(state, trigger, assessment, ended);
        }

        return ReviewDecisions.Override(state) is null ? Decide(state, trigger, assessment) : null;
    }

    /// <summary>
    /// The earliest stream time at which <see cref="StepDown(AccountRiskState, long, ISyncCoverage)"/> could lower the level:
    /// when the current level's cooldown, counted from the last time its cause was seen, runs out, but not before an UPHOLD's
    /// hold ends; or, under a reviewer's OVERRIDE, when the override ends (also at NORMAL). Null at NORMAL without an override.
    /// After any <see cref="Apply"/> or <see cref="StepDown(AccountRiskState, long, ISyncCoverage)"/> the answer may move
    /// later (the cause was seen again), so reschedule from the new answer.
    /// </summary>
    public long? NextStepDownCheckMs(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (ReviewDecisions.Override(state) is { } pinned)
        {
            return pinned.UntilMs;
        }

        if (state.Level == RiskLevel.Normal)
        {
            return null;
        }

        var due = Saturating.Add(state.LevelHeldAtMs, StateLimits.Ms(Policy.Cooldowns.For(state.Level)));
        return ReviewDecisions.Hold(state) is { } hold ? Math.Max(due, hold.UntilMs) : due;
    }

    /// <summary>A snapshot of the features of <paramref name="state"/> at its clock, windows as this policy sees them.</summary>
    public AccountFeatures Features(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var spike = Policy.Rules.SpendSpike;
        var windows = new[] { TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(24) };
        var byCurrency = state.Currencies.Order(StringComparer.Ordinal).Select(c =>
        {
            var totals = windows.Select(w => TransactionWindow.Totals(state, w, c)).ToArray();
            var (count, sum) = TransactionWindow.Baseline(state, c, spike.Window, spike.BaselineWindow);
            return new CurrencyFeatures(c, totals[0], totals[1], totals[2], count, sum);
        }).ToList();
        var primary = state.Currencies.Count == 0 ? null : state.Currencies[^1];
        var main = byCurrency.Find(c => c.Currency == primary);
        TransactionTotals All(TimeSpan window, TransactionTotals? inCurrency) =>
            TransactionWindow.Totals(state, window, null) with { SpendMinor = inCurrency?.SpendMinor ?? 0, CashAdvanceMinor = inCurrency?.CashAdvanceMinor ?? 0 };

        var from = state.StreamTimeMs - StateLimits.Ms(TimeSpan.FromMinutes(10));
        var overdue = state.Bills.Values.Where(b => b.IsOverdue).ToList();
        return new AccountFeatures(
            state.StreamTimeMs,
            primary,
            All(windows[0], main?.Last10Minutes),
            All(windows[1], main?.LastHour),
            All(windows[2], main?.Last24Hours),
            main?.BaselineCount ?? 0,
            main?.BaselineSpendMinor ?? 0,
            state.LoginFailureTimes.Count(t => t >= from && t <= state.StreamTimeMs),
            state.KnownDevices.Count,
            overdue.Count,
            overdue.Count == 0 ? 0 : overdue.Max(b => b.DaysPastDue),
            state.Utilization is { } u ? (double)u.OutstandingMinor / u.CreditLimitMinor : null,
            byCurrency)
        {
            FailedLoginsLastHour = state.LoginFailureTimes.Count(t => t >= state.StreamTimeMs - 3_600_000 && t <= state.StreamTimeMs),
        };
    }

    /// <summary>
    /// The account's bills by id: state, days past due, what is unpaid, and whether an overdue bill still awaits its payment
    /// sources' sync (every source synced past its due date plus the policy's sync grace) and so does not count yet.
    /// </summary>
    public IReadOnlyList<BillStanding> Bills(AccountRiskState state, ISyncCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(coverage);
        return [.. state.Bills.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => new BillStanding(
            b.Key, b.Value.State, b.Value.DaysPastDue, b.Value.UnpaidMinor, b.Value.DueDateMs,
            b.Value.IsOverdue && !coverage.Covers(Saturating.Add(b.Value.DueDateMs, StateLimits.Ms(Policy.SyncGrace)))))];
    }

    /// <summary>Raises at once; holds while the score calls for the level; lowers once the level's cooldown has passed.</summary>
    private LevelChange? Decide(AccountRiskState state, Trigger trigger, Assessment assessment)
    {
        var current = state.Level;
        if (assessment.Level >= current)
        {
            state.LevelHeldAtMs = state.StreamTimeMs;
            return assessment.Level > current ? Change(state, trigger, assessment.Level, assessment.Score, assessment.Reasons, assessment) : null;
        }

        if (ReviewDecisions.Hold(state) is not null)
        {
            // A reviewer upheld the level: it does not fall by cooldown before the hold ends.
            return null;
        }

        var cooldown = Policy.Cooldowns.For(current);
        var clearedMs = Saturating.Subtract(state.StreamTimeMs, state.LevelHeldAtMs);
        if (clearedMs < StateLimits.Ms(cooldown))
        {
            return null;
        }

        var cleared = RuleContext.Reason(Policy, ReasonCodes.RiskCleared,
            ("previousLevel", current.ToString().ToUpperInvariant()), ("cooldownHours", I(cooldown.TotalHours)),
            ("clearedForHours", I(Math.Round(clearedMs / 3_600_000.0, 2))));
        return Change(state, trigger, assessment.Level, assessment.Score, [cleared, .. assessment.Reasons], assessment);
    }

    private static void Remember(AccountRiskState state, AccountEvent e)
    {
        var applied = state.AppliedEvents;
        var at = applied.Count;
        while (at > 0 && applied[at - 1].AtMs > e.OccurredAtMs)
        {
            at--;
        }

        applied.Insert(at, new AccountRiskState.AppliedEvent(StableHash.Of(e.EventId), e.OccurredAtMs));
        FeatureUpdater.PruneAppliedEvents(state);
    }

    /// <summary>
    /// Records a change (also when the level stays, as for an UPHOLD): the next version, the level, the account's bounded history
    /// and its last reasons (weights from <paramref name="weights"/>), score and actions.
    /// </summary>
    private LevelChange Change(
        AccountRiskState state, Trigger trigger, RiskLevel level, int score, IReadOnlyList<RiskReason> reasons, Assessment? weights,
        string? reviewId = null, IReadOnlyList<RiskAction>? actions = null)
    {
        var previous = state.Level;
        state.Level = level;
        state.Version++;
        if (level != previous)
        {
            state.LevelSinceMs = state.StreamTimeMs;
        }

        state.LevelHeldAtMs = state.StreamTimeMs;
        var change = new LevelChange(
            state.AccountId!, state.Version, previous, level, score, [.. reasons.Select(r => r.Message.Length > 0 ? r : RuleContext.WithMessage(Policy, r))],
            actions ?? ActionsFor(previous, level),
            Appealable: level >= RiskLevel.Restricted, Policy.Version, trigger.EventId, trigger.Stream, trigger.AtMs);
        ChangeHistory.Record(state, change, reviewId, [.. reasons.Select(r => weights?.WeightOf(r) ?? 0)]);
        return change;
    }

    internal static IReadOnlyList<RiskAction> ActionsFor(RiskLevel previous, RiskLevel level)
    {
        var actions = new List<RiskAction>();
        switch (level)
        {
            case RiskLevel.Watch:
                actions.Add(RiskAction.RequireStepUpAuth);
                break;
            case RiskLevel.Restricted:
                actions.AddRange([RiskAction.NotifyCustomer, RiskAction.RequireStepUpAuth, RiskAction.ReduceCreditLimit, RiskAction.OpenManualReview]);
                break;
            case RiskLevel.Suspended:
                actions.AddRange([RiskAction.NotifyCustomer, RiskAction.SuspendCredit, RiskAction.OpenManualReview]);
                break;
        }

        if (level < previous && previous >= RiskLevel.Restricted)
        {
            if (!actions.Contains(RiskAction.NotifyCustomer))
            {
                actions.Insert(0, RiskAction.NotifyCustomer);
            }

            if (level < RiskLevel.Restricted || previous == RiskLevel.Suspended)
            {
                actions.Add(RiskAction.RestoreCredit);
            }
        }

        return actions;
    }

    private readonly record struct Trigger(string EventId, string Stream, long AtMs);
}
