using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// Applies one account event to that account's state and decides whether its level changes.
/// Levels rise at once; they fall only after <see cref="RiskPolicy.DowngradeCooldown"/> with the cause
/// cleared, except that a repayment clearing overdue bills restores at once. Deterministic: the same
/// events in the same order give the same changes.
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
        FeatureUpdater.UpdateBaseline(state, e);

        var current = state.Level;
        if (assessment.Level > current)
        {
            return Change(state, e, assessment.Level, assessment.Score, assessment.Reasons);
        }

        if (assessment.Level == current)
        {
            return null;
        }

        if (overdueBefore && e is RepaymentEvent { State: BillState.Paid } paid)
        {
            var received = Assessor.Reason(ReasonCodes.RepaymentReceived, "We received your repayment for the overdue bill.",
                ("billId", paid.BillId), ("amountPaidMinor", paid.AmountPaidMinor.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Change(state, e, assessment.Level, assessment.Score, [received, .. assessment.Reasons]);
        }

        if (state.StreamTimeMs - state.LevelSinceMs < (long)Policy.DowngradeCooldown.TotalMilliseconds)
        {
            return null;
        }

        var cleared = Assessor.Reason(ReasonCodes.RiskCleared, "The activity that led to the earlier change has not recurred.",
            ("previousLevel", current.ToString().ToUpperInvariant()), ("cooldownHours", Policy.DowngradeCooldown.TotalHours.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Change(state, e, assessment.Level, assessment.Score, [cleared, .. assessment.Reasons]);
    }

    private LevelChange Change(AccountRiskState state, AccountEvent e, RiskLevel level, int score, IReadOnlyList<RiskReason> reasons)
    {
        var previous = state.Level;
        state.Level = level;
        state.Version++;
        state.LevelSinceMs = state.StreamTimeMs;
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
