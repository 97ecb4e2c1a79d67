using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk;

/// <summary>
/// Applies one account event to that account's state and decides whether its level changes.
/// Levels rise at once. A level falls only once the account's score has not called for it for the
/// level's cooldown (<see cref="LevelCooldowns"/>, event time), except that a repayment of an overdue
/// bill lowers it at once. Deterministic: the same events in the same order give the same changes.
/// </summary>
public sealed class AccountRiskDecider(RiskPolicy policy)
{
    /// <summary>The policy deciding changes.</summary>
    public RiskPolicy Policy { get; } = policy ?? throw new ArgumentNullException(nameof(policy));

    /// <summary>Folds <paramref name="e"/> into <paramref name="state"/>; returns the change it causes, if any.</summary>
    public LevelChange? Apply(AccountRiskState state, AccountEvent e, ISyncCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(coverage);

        var overdueBefore = e is RepaymentEvent r && state.Bills.TryGetValue(r.BillId, out var bill) && bill.State == BillState.Overdue;
        FeatureUpdater.Apply(state, e, Policy);
        var assessment = Assessor.Assess(state, coverage, Policy);

        var current = state.Level;
        if (assessment.Level >= current)
        {
            state.LevelHeldAtMs = state.StreamTimeMs;
            return assessment.Level > current ? Change(state, e, assessment.Level, assessment.Score, assessment.Reasons) : null;
        }

        if (overdueBefore && e is RepaymentEvent { State: BillState.Paid } paid)
        {
            var received = Reason(ReasonCodes.RepaymentReceived, "We received your repayment for the overdue bill.",
                ("billId", paid.BillId), ("amountPaidMinor", I(paid.AmountPaidMinor)));
            return Change(state, e, assessment.Level, assessment.Score, [received, .. assessment.Reasons]);
        }

        var cooldown = Policy.Cooldowns.For(current);
        var clearedMs = state.StreamTimeMs - state.LevelHeldAtMs;
        if (clearedMs < StateLimits.Ms(cooldown))
        {
            return null;
        }

        var cleared = Reason(ReasonCodes.RiskCleared, "The activity that led to the earlier change has not recurred.",
            ("previousLevel", current.ToString().ToUpperInvariant()), ("cooldownHours", I(cooldown.TotalHours)),
            ("clearedForHours", I(Math.Round(clearedMs / 3_600_000.0, 2))));
        return Change(state, e, assessment.Level, assessment.Score, [cleared, .. assessment.Reasons]);
    }

    /// <summary>A snapshot of the features of <paramref name="state"/> at its stream time, windows as this policy sees them.</summary>
    public AccountFeatures Features(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var spike = Policy.Rules.SpendSpike;
        var (baselineCount, baselineSum) = TransactionWindow.Baseline(state, spike.Window, spike.BaselineWindow);
        var from = state.StreamTimeMs - StateLimits.Ms(TimeSpan.FromMinutes(10));
        var overdue = state.Bills.Values.Where(b => b.State == BillState.Overdue).ToList();
        return new AccountFeatures(
            state.StreamTimeMs,
            TransactionWindow.Totals(state, TimeSpan.FromMinutes(10)),
            TransactionWindow.Totals(state, TimeSpan.FromHours(1)),
            TransactionWindow.Totals(state, TimeSpan.FromHours(24)),
            baselineCount,
            baselineSum,
            state.LoginFailureTimes.Count(t => t >= from && t <= state.StreamTimeMs),
            state.KnownDevices.Count,
            overdue.Count,
            overdue.Count == 0 ? 0 : overdue.Max(b => b.DaysPastDue),
            state.Utilization is { } u ? (double)u.OutstandingMinor / u.CreditLimitMinor : null);
    }

    private LevelChange Change(AccountRiskState state, AccountEvent e, RiskLevel level, int score, IReadOnlyList<RiskReason> reasons)
    {
        var previous = state.Level;
        state.Level = level;
        state.Version++;
        state.LevelSinceMs = state.StreamTimeMs;
        state.LevelHeldAtMs = state.StreamTimeMs;
        return new LevelChange(
            e.AccountId, state.Version, previous, level, score, reasons, ActionsFor(previous, level),
            Appealable: level >= RiskLevel.Restricted, Policy.Version, e.EventId, e.Stream, e.OccurredAtMs);
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
}
