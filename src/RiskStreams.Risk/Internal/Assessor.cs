using System.Globalization;

namespace RiskStreams.Risk.Internal;

/// <summary>Scores an account's current features against a policy.</summary>
internal static class Assessor
{
    public static Assessment Assess(AccountRiskState s, ISyncCoverage coverage, RiskPolicy p)
    {
        var now = s.StreamTimeMs;
        var reasons = new List<RiskReason>();
        var score = 0;

        var failures = CountSince(s.LoginFailureTimes, now - Ms(p.LoginFailureWindow));
        if (failures >= p.LoginFailureThreshold)
        {
            score += p.LoginFailureWeight;
            reasons.Add(Reason(ReasonCodes.LoginFailures,
                $"We saw {failures} failed sign-in attempts on your account within {p.LoginFailureWindow.TotalMinutes:0} minutes.",
                ("failedLogins", I(failures)), ("threshold", I(p.LoginFailureThreshold)), ("windowMinutes", I(p.LoginFailureWindow.TotalMinutes))));
        }

        if (s.NewDeviceSignal is { } device && now - device.AtMs <= Ms(p.SignalWindow))
        {
            score += p.NewDeviceWeight;
            reasons.Add(Reason(ReasonCodes.NewDevice,
                "Your account was signed in to from a device we have not seen before, without two-step verification.",
                ("deviceId", device.DeviceId), ("knownDevices", I(s.KnownDevices.Count - 1))));
        }

        if (s.Travel is { } travel && now - travel.AtMs <= Ms(p.SignalWindow))
        {
            score += p.ImpossibleTravelWeight;
            reasons.Add(Reason(ReasonCodes.ImpossibleTravel,
                "Your account was used in two places too far apart to travel between in the time between them.",
                ("distanceKm", I(Math.Round(travel.Km))), ("speedKmh", double.IsInfinity(travel.Kmh) ? "instant" : I(Math.Round(travel.Kmh))),
                ("maxKmh", I(p.ImpossibleTravelKmh)), ("fromCountry", travel.FromCountry ?? "unknown"), ("toCountry", travel.ToCountry ?? "unknown")));
        }

        score += AssessSpend(s, p, now, reasons);
        var (overdueScore, pending, confirmed) = AssessBills(s, coverage, p, reasons);
        score = Math.Min(100, score + overdueScore);

        // A bill that may have been paid but not yet synced never lifts the account above WATCH by itself.
        if (pending && score < p.WatchScore)
        {
            score = p.WatchScore;
        }

        return new Assessment(p.LevelFor(score), score, reasons, confirmed);
    }

    private static int AssessSpend(AccountRiskState s, RiskPolicy p, long now, List<RiskReason> reasons)
    {
        var score = 0;
        long spend = 0;
        var spendFrom = now - Ms(p.SpendWindow);
        var probeFrom = now - Ms(p.ProbingWindow);
        var smallMerchants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in s.RecentTransactions)
        {
            if (t.Approved && t.AtMs >= spendFrom && t.AtMs <= now)
            {
                spend += t.AmountMinor;
            }

            if (t.AtMs >= probeFrom && t.AtMs <= now && t.AmountMinor <= p.ProbingMaxAmountMinor)
            {
                smallMerchants.Add(t.MerchantId);
            }
        }

        if (s.PurchaseCount >= p.SpendBaselineMinCount)
        {
            var average = s.PurchaseSumMinor / s.PurchaseCount;
            if (spend >= p.SpendSpikeFloorMinor && spend > average * p.SpendSpikeMultiple)
            {
                score += p.SpendSpikeWeight;
                reasons.Add(Reason(ReasonCodes.SpendSpike,
                    $"Spending in the last {p.SpendWindow.TotalMinutes:0} minutes is much higher than usual for your account.",
                    ("windowSpendMinor", I(spend)), ("averagePurchaseMinor", I(average)), ("multiple", I(p.SpendSpikeMultiple)),
                    ("windowMinutes", I(p.SpendWindow.TotalMinutes))));
            }
        }

        if (smallMerchants.Count >= p.ProbingDistinctMerchants)
        {
            score += p.ProbingWeight;
            reasons.Add(Reason(ReasonCodes.SmallTxnProbing,
                "Several very small payments were made at different merchants within a few minutes, a pattern used to test stolen card details.",
                ("distinctMerchants", I(smallMerchants.Count)), ("threshold", I(p.ProbingDistinctMerchants)),
                ("maxAmountMinor", I(p.ProbingMaxAmountMinor)), ("windowMinutes", I(p.ProbingWindow.TotalMinutes))));
        }

        return score;
    }

    private static (int Score, bool Pending, bool Confirmed) AssessBills(AccountRiskState s, ISyncCoverage coverage, RiskPolicy p, List<RiskReason> reasons)
    {
        var confirmedCount = 0;
        var maxDaysPastDue = 0;
        string? pendingBill = null;
        long pendingDue = 0;
        foreach (var (billId, bill) in s.Bills.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            if (bill.State != BillState.Overdue)
            {
                continue;
            }

            if (coverage.Covers(bill.DueDateMs + Ms(p.SyncGrace)))
            {
                confirmedCount++;
                maxDaysPastDue = Math.Max(maxDaysPastDue, bill.DaysPastDue);
            }
            else if (pendingBill is null)
            {
                pendingBill = billId;
                pendingDue = bill.DueDateMs;
            }
        }

        var score = 0;
        if (confirmedCount > 0)
        {
            foreach (var (days, bandScore) in p.OverdueBands)
            {
                if (maxDaysPastDue >= days)
                {
                    score = Math.Max(score, bandScore);
                }
            }

            if (confirmedCount >= p.OverdueBillsForSuspension)
            {
                score = Math.Max(score, p.SuspendedScore);
            }

            reasons.Add(Reason(ReasonCodes.RepaymentOverdue,
                confirmedCount == 1
                    ? $"A bill on your account is {maxDaysPastDue} days past due."
                    : $"{confirmedCount} bills on your account are past due; the oldest is {maxDaysPastDue} days past due.",
                ("overdueBills", I(confirmedCount)), ("maxDaysPastDue", I(maxDaysPastDue)), ("billsForSuspension", I(p.OverdueBillsForSuspension))));
        }

        if (pendingBill is not null)
        {
            reasons.Add(Reason(ReasonCodes.RepaymentSyncPending,
                "A bill looks unpaid, but repayment records from your lender are still being updated. We will not restrict your account for it until they are.",
                ("billId", pendingBill), ("dueDate", DateTimeOffset.FromUnixTimeMilliseconds(pendingDue).ToString("O", CultureInfo.InvariantCulture)),
                ("syncedThrough", coverage.OldestSyncedThroughMs is { } st ? DateTimeOffset.FromUnixTimeMilliseconds(st).ToString("O", CultureInfo.InvariantCulture) : "unknown"),
                ("syncGraceHours", I(p.SyncGrace.TotalHours))));
        }

        return (score, pendingBill is not null, confirmedCount > 0);
    }

    internal static RiskReason Reason(string code, string message, params (string Key, string Value)[] evidence) =>
        new(code, message, [.. evidence.Select(e => KeyValuePair.Create(e.Key, e.Value))]);

    private static int CountSince(List<long> times, long fromMs) => times.Count(t => t >= fromMs);

    private static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    private static string I(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
