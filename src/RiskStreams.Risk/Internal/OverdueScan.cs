namespace RiskStreams.Risk.Internal;

/// <summary>
/// The account's overdue bills (<see cref="AccountRiskState.BillSnapshot.IsOverdue"/>), split into those confirmed
/// (every payment source synced past the due date plus the sync grace) and those still awaiting sync.
/// </summary>
/// <param name="Confirmed">Confirmed overdue bills.</param>
/// <param name="WorstId">Id of the most overdue confirmed bill (lowest id on a tie), or null.</param>
/// <param name="Worst">That bill.</param>
/// <param name="PendingId">Id of the first (by id) overdue bill awaiting sync, or null.</param>
/// <param name="PendingDueMs">Its due date.</param>
internal sealed record OverdueScan(int Confirmed, string? WorstId, AccountRiskState.BillSnapshot? Worst, string? PendingId, long PendingDueMs)
{
    private static readonly OverdueScan None = new(0, null, null, null, 0);

    public static OverdueScan Of(AccountRiskState s, ISyncCoverage coverage, RiskPolicy p)
    {
        if (s.Bills.Count == 0)
        {
            return None;
        }

        var confirmed = 0;
        string? worstId = null;
        AccountRiskState.BillSnapshot? worst = null;
        string? pendingId = null;
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
            else if (pendingId is null)
            {
                (pendingId, pendingDue) = (billId, bill.DueDateMs);
            }
        }

        return new OverdueScan(confirmed, worstId, worst, pendingId, pendingDue);
    }
}
