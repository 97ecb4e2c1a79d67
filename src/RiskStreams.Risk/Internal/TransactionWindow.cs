using System.Runtime.InteropServices;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// The transaction side of an account's features: recent transactions in detail (sorted by event time,
/// kept for <see cref="StateLimits.DetailHorizon"/>), folded into daily spend totals as they age, and the
/// sliding-window and baseline queries over both. Windows end at the stream time and include both ends.
/// </summary>
internal static class TransactionWindow
{
    public static void Add(AccountRiskState s, AccountRiskState.TxnSample sample)
    {
        var horizon = s.StreamTimeMs - StateLimits.Ms(StateLimits.DetailHorizon);
        if (sample.AtMs < horizon)
        {
            Fold(s, sample);
        }
        else
        {
            var list = s.RecentTransactions;
            var at = list.Count;
            while (at > 0 && list[at - 1].AtMs > sample.AtMs)
            {
                at--;
            }

            list.Insert(at, sample);
        }

        Age(s);
    }

    /// <summary>Folds detail older than the horizon (or beyond the cap) into daily totals and drops days older than the baseline.</summary>
    public static void Age(AccountRiskState s)
    {
        var horizon = s.StreamTimeMs - StateLimits.Ms(StateLimits.DetailHorizon);
        var drop = 0;
        while (drop < s.RecentTransactions.Count && (s.RecentTransactions[drop].AtMs < horizon || s.RecentTransactions.Count - drop > StateLimits.MaxTransactions))
        {
            Fold(s, s.RecentTransactions[drop++]);
        }

        s.RecentTransactions.RemoveRange(0, drop);
        var oldestDay = StateLimits.DayOf(s.StreamTimeMs) - StateLimits.BaselineDays;
        s.DailySpend.RemoveAll(d => d.Day < oldestDay);
    }

    public static TransactionTotals Totals(AccountRiskState s, TimeSpan window)
    {
        var now = s.StreamTimeMs;
        var from = now - StateLimits.Ms(window);
        int count = 0, declined = 0;
        long spend = 0, cash = 0;

        // Detail is sorted by event time, so a window is a suffix of it: walk back from the newest and stop.
        var list = CollectionsMarshal.AsSpan(s.RecentTransactions);
        for (var i = list.Length - 1; i >= 0 && list[i].AtMs >= from; i--)
        {
            ref readonly var t = ref list[i];
            count++;
            if (!t.Approved)
            {
                declined++;
            }
            else
            {
                spend = Saturating.Add(spend, t.AmountMinor);
                cash = t.CashAdvance ? Saturating.Add(cash, t.AmountMinor) : cash;
            }
        }

        return new TransactionTotals(count, declined, spend, cash);
    }

    public static int DistinctSmallMerchants(AccountRiskState s, TimeSpan window, long maxAmountMinor)
    {
        var from = s.StreamTimeMs - StateLimits.Ms(window);
        var merchants = new HashSet<string>(StringComparer.Ordinal);
        var list = CollectionsMarshal.AsSpan(s.RecentTransactions);
        for (var i = list.Length - 1; i >= 0 && list[i].AtMs >= from; i--)
        {
            if (list[i].AmountMinor <= maxAmountMinor)
            {
                merchants.Add(list[i].MerchantId);
            }
        }

        return merchants.Count;
    }

    /// <summary>
    /// Approved transactions in the baseline: from <paramref name="baselineWindow"/> (whole days) before the
    /// stream time up to the start of the judged <paramref name="spikeWindow"/>, so a burst never raises its own baseline.
    /// </summary>
    public static (long Count, long SumMinor) Baseline(AccountRiskState s, TimeSpan spikeWindow, TimeSpan baselineWindow)
    {
        var from = s.StreamTimeMs - StateLimits.Ms(baselineWindow);
        var until = s.StreamTimeMs - StateLimits.Ms(spikeWindow);
        var fromDay = StateLimits.DayOf(from);
        long count = 0, sum = 0;
        foreach (var day in s.DailySpend)
        {
            if (day.Day >= fromDay)
            {
                count += day.Count;
                sum = Saturating.Add(sum, day.SumMinor);
            }
        }

        foreach (ref readonly var t in CollectionsMarshal.AsSpan(s.RecentTransactions))
        {
            if (t.AtMs >= until)
            {
                break;
            }

            if (t.Approved && t.AtMs >= from)
            {
                count++;
                sum = Saturating.Add(sum, t.AmountMinor);
            }
        }

        return (count, sum);
    }

    private static void Fold(AccountRiskState s, AccountRiskState.TxnSample t)
    {
        var day = StateLimits.DayOf(t.AtMs);
        if (!t.Approved || day < StateLimits.DayOf(s.StreamTimeMs) - StateLimits.BaselineDays)
        {
            return;
        }

        var days = s.DailySpend;
        var i = days.FindIndex(d => d.Day >= day);
        if (i >= 0 && days[i].Day == day)
        {
            days[i] = days[i] with { Count = days[i].Count + 1, SumMinor = Saturating.Add(days[i].SumMinor, t.AmountMinor) };
        }
        else
        {
            days.Insert(i < 0 ? days.Count : i, new AccountRiskState.DaySpend(day, 1, t.AmountMinor));
        }
    }
}
