using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Internal;

/// <summary>Rules on how the credit line is used: spend spikes, velocity, card testing, declines, cash advances.</summary>
internal static class TransactionRules
{
    public static void Apply(AccountRiskState s, RiskPolicy p, Scorecard card)
    {
        SpendSpike(s, p, card);

        var velocity = p.Rules.TxnVelocity;
        if (velocity.Enabled && TransactionWindow.Totals(s, velocity.Window, null) is { } v && v.Count >= velocity.Count)
        {
            card.Add(velocity.Weight, Reason(ReasonCodes.TxnVelocity,
                $"There were {v.Count} payment attempts on your account within {Durations.Describe(velocity.Window)}, which is unusually many.",
                ("transactions", I(v.Count)), ("threshold", I(velocity.Count)), ("windowMinutes", Minutes(velocity.Window))));
        }

        var probing = p.Rules.SmallTxnProbing;
        if (probing.Enabled && TransactionWindow.DistinctSmallMerchants(s, probing.Window, probing.MaxAmountMinor) is var merchants
            && merchants >= probing.DistinctMerchants)
        {
            card.Add(probing.Weight, Reason(ReasonCodes.SmallTxnProbing,
                $"Several very small payments were made at different merchants within {Durations.Describe(probing.Window)}, a pattern used to test stolen card details.",
                ("distinctMerchants", I(merchants)), ("threshold", I(probing.DistinctMerchants)),
                ("maxAmountMinor", probing.MaxAmountMinor.ToString()), ("windowMinutes", Minutes(probing.Window))));
        }

        var declines = p.Rules.HighDeclineRate;
        if (declines.Enabled && TransactionWindow.Totals(s, declines.Window, null) is { } d
            && d.Count >= declines.MinTransactions && d.DeclineRatio >= declines.Ratio)
        {
            card.Add(declines.Weight, Reason(ReasonCodes.HighDeclineRate,
                $"{d.Declined} of {d.Count} payment attempts on your account in {Durations.LastPeriod(declines.Window)} were declined.",
                ("declined", I(d.Declined)), ("transactions", I(d.Count)), ("declineRatio", Ratio(d.DeclineRatio)),
                ("ratioThreshold", Ratio(declines.Ratio)), ("minTransactions", I(declines.MinTransactions)), ("windowMinutes", Minutes(declines.Window))));
        }

        var cash = p.Rules.CashAdvanceSurge;
        if (cash.Enabled)
        {
            CashAdvanceSurge(s, cash, card);
        }
    }

    /// <summary>Judged per currency (cash advances against spend of the same currency); the first currency that fires is reported.</summary>
    private static void CashAdvanceSurge(AccountRiskState s, Rules.CashAdvanceSurgeRule cash, Scorecard card)
    {
        foreach (var currency in CurrenciesInOrder(s))
        {
            var c = TransactionWindow.Totals(s, cash.Window, currency);
            var min = cash.MinAmountMinor.For(currency);
            if (c.CashAdvanceMinor >= min && c.CashAdvanceMinor > 0 && c.CashAdvanceShare >= cash.Share)
            {
                card.Add(cash.Weight, Reason(ReasonCodes.CashAdvanceSurge,
                    $"Cash withdrawals made up {Percent(c.CashAdvanceShare)} of the use of your credit line in {Durations.LastPeriod(cash.Window)}.",
                    ("cashAdvanceMinor", I(c.CashAdvanceMinor)), ("spendMinor", I(c.SpendMinor)), ("cashAdvanceShare", Ratio(c.CashAdvanceShare)),
                    ("shareThreshold", Ratio(cash.Share)), ("minAmountMinor", I(min)), ("windowMinutes", Minutes(cash.Window)), ("currency", currency)));
                return;
            }
        }
    }

    /// <summary>Judged per currency: spend in a currency against the baseline of the same currency; the first currency that fires is reported.</summary>
    private static void SpendSpike(AccountRiskState s, RiskPolicy p, Scorecard card)
    {
        var rule = p.Rules.SpendSpike;
        if (!rule.Enabled)
        {
            return;
        }

        foreach (var currency in CurrenciesInOrder(s))
        {
            var (count, sum) = TransactionWindow.Baseline(s, currency, rule.Window, rule.BaselineWindow);
            if (count < rule.BaselineMinCount)
            {
                continue;
            }

            var spend = TransactionWindow.Totals(s, rule.Window, currency).SpendMinor;
            var average = sum / count;
            var floor = rule.FloorMinor.For(currency);
            if (spend >= floor && spend > average * rule.Multiple)
            {
                card.Add(rule.Weight, Reason(ReasonCodes.SpendSpike,
                    $"Spending in {Durations.LastPeriod(rule.Window)} is much higher than usual for your account.",
                    ("windowSpendMinor", I(spend)), ("averagePurchaseMinor", I(average)), ("multiple", I(rule.Multiple)),
                    ("floorMinor", I(floor)), ("baselineTransactions", I(count)), ("baselineDays", I(rule.BaselineWindow.TotalDays)),
                    ("windowMinutes", Minutes(rule.Window)), ("currency", currency)));
                return;
            }
        }
    }

    /// <summary>The account's currencies in ordinal order, so which currency is reported first does not depend on history.</summary>
    private static List<string> CurrenciesInOrder(AccountRiskState s)
    {
        var currencies = new List<string>(s.Currencies);
        currencies.Sort(StringComparer.Ordinal);
        return currencies;
    }
}
