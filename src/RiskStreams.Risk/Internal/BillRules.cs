using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Internal;

/// <summary>Rules on repayment: utilization, confirmed overdue bills, and bills still awaiting sync.</summary>
internal static class BillRules
{
    /// <summary>Scores bills; returns whether a bill awaits sync and whether one is confirmed overdue.</summary>
    public static (bool Pending, bool Confirmed) Apply(AccountRiskState s, ISyncCoverage coverage, RiskPolicy p, Scorecard card)
    {
        var utilization = p.Rules.HighUtilization;
        if (utilization.Enabled && s.Utilization is { } u && (double)u.OutstandingMinor / u.CreditLimitMinor is var ratio && ratio >= utilization.Ratio)
        {
            card.Add(utilization.Weight, Reason(ReasonCodes.HighUtilization,
                $"Your outstanding balance is {Percent(ratio)} of your credit limit.",
                ("outstandingMinor", I(u.OutstandingMinor)), ("creditLimitMinor", I(u.CreditLimitMinor)),
                ("utilization", Ratio(ratio)), ("ratioThreshold", Ratio(utilization.Ratio))));
        }

        var confirmed = 0;
        string? worstId = null;
        AccountRiskState.BillSnapshot? worst = null;
        string? pendingBill = null;
        long pendingDue = 0;
        foreach (var (billId, bill) in s.Bills.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (!bill.IsOverdue)
            {
                continue;
            }

            if (coverage.Covers(Saturating.Add(bill.DueDateMs, StateLimits.Ms(p.SyncGrace))))
            {
                confirmed++;
                if (worst is null || bill.DaysPastDue > worst.DaysPastDue)
                {
                    (worstId, worst) = (billId, bill);
                }
            }
            else if (pendingBill is null)
            {
                pendingBill = billId;
                pendingDue = bill.DueDateMs;
            }
        }

        var overdue = p.Rules.RepaymentOverdue;
        if (overdue.Enabled && worst is not null)
        {
            var maxDaysPastDue = worst.DaysPastDue;
            var score = overdue.ScoreFor(maxDaysPastDue);
            if (confirmed >= overdue.BillsForSuspension)
            {
                score = Math.Max(score, p.Levels.Suspended);
            }

            // The most overdue bill is shown in full: a part payment leaves its unpaid remainder overdue.
            card.Add(score, Reason(ReasonCodes.RepaymentOverdue,
                confirmed == 1
                    ? $"A bill on your account is {maxDaysPastDue} days past due."
                    : $"{confirmed} bills on your account are past due; the oldest is {maxDaysPastDue} days past due.",
                ("overdueBills", I(confirmed)), ("maxDaysPastDue", I(maxDaysPastDue)), ("billsForSuspension", I(overdue.BillsForSuspension)),
                ("billId", worstId!), ("billStatus", worst.State == BillState.PartiallyPaid ? "PARTIALLY_PAID" : "OVERDUE"),
                ("amountDueMinor", I(worst.AmountDueMinor)), ("amountPaidMinor", I(worst.AmountPaidMinor)), ("unpaidMinor", I(worst.UnpaidMinor))));
        }

        if (pendingBill is not null)
        {
            card.Add(0, Reason(ReasonCodes.RepaymentSyncPending,
                "A bill looks unpaid, but repayment records from your lender are still being updated. We will not restrict your account for it until they are.",
                ("billId", pendingBill), ("dueDate", Iso(pendingDue)),
                ("syncedThrough", coverage.OldestSyncedThroughMs is { } st ? Iso(st) : "unknown"),
                ("syncGraceHours", I(p.SyncGrace.TotalHours))));
        }

        return (pendingBill is not null, overdue.Enabled && confirmed > 0);
    }
}
