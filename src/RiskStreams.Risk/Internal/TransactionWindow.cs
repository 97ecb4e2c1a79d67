using System.Runtime.InteropServices;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// The transaction side of an account's features. The latest <see cref="StateLimits.MaxTransactions"/>
/// transactions of the last 24 h are held in detail (sorted by event time); older ones are folded into 5-minute
/// slots per currency for the last 2 h, hourly slots per currency up to 24 h, and daily approved spend per currency
/// for the baseline. Windows end at the account's clock and include both ends; detail counts to the millisecond, a
/// slot counts in a window when it starts inside it (so a window and the baseline before it split the slots
/// without overlap). Amount sums saturate. Spend is never summed across currencies.
/// </summary>
internal static class TransactionWindow
{
    public static void Add(AccountRiskState s, AccountRiskState.TxnSample sample)
    {
        Use(s, sample.Currency);
        var horizon = s.StreamTimeMs - StateLimits.Ms(StateLimits.DetailHorizon);
        if (sample.AtMs < horizon)
        {
            FoldIntoDay(s, sample.AtMs, sample.Currency, sample.Approved ? 1 : 0, sample.Approved ? sample.AmountMinor : 0);
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

    /// <summary>Folds detail beyond the cap or the horizon into slots, slots past the horizon into days, and drops days older than the baseline.</summary>
    public static void Age(AccountRiskState s)
    {
        var horizon = s.StreamTimeMs - StateLimits.Ms(StateLimits.DetailHorizon);
        var detail = s.RecentTransactions;
        var drop = 0;
        while (drop < detail.Count && (detail[drop].AtMs < horizon || detail.Count - drop > StateLimits.MaxTransactions))
        {
            var t = detail[drop++];
            if (t.AtMs < horizon)
            {
                FoldIntoDay(s, t.AtMs, t.Currency, t.Approved ? 1 : 0, t.Approved ? t.AmountMinor : 0);
            }
            else
            {
                var spend = t.Approved ? t.AmountMinor : 0;
                FoldIntoSlot(s.Slots, StateLimits.SlotOf(t.AtMs),
                    new AccountRiskState.SpendSlot(0, t.Currency, 1, t.Approved ? 0 : 1, spend, t.CashAdvance ? spend : 0));
            }
        }

        detail.RemoveRange(0, drop);

        // A fine slot moves to its hour once it lies wholly before the fine horizon; an hour to its day once before the detail horizon.
        var fineHorizon = s.StreamTimeMs - StateLimits.Ms(StateLimits.FineSlotHorizon);
        var slots = s.Slots;
        var aged = 0;
        while (aged < slots.Count && (slots[aged].Slot + 1) * StateLimits.SlotMs <= fineHorizon)
        {
            var slot = slots[aged++];
            FoldIntoSlot(s.HourSlots, StateLimits.HourSlotOf(slot.Slot * StateLimits.SlotMs), slot);
        }

        slots.RemoveRange(0, aged);
        var hours = s.HourSlots;
        aged = 0;
        while (aged < hours.Count && (hours[aged].Slot + 1) * StateLimits.HourSlotMs <= horizon)
        {
            var hour = hours[aged++];
            FoldIntoDay(s, hour.Slot * StateLimits.HourSlotMs, hour.Currency, hour.Count - hour.Declined, hour.SpendMinor);
        }

        hours.RemoveRange(0, aged);
        // Days are sorted, so those older than the baseline are a prefix.
        var oldestDay = StateLimits.DayOf(s.StreamTimeMs) - StateLimits.BaselineDays;
        var old = 0;
        while (old < s.DailySpend.Count && s.DailySpend[old].Day < oldestDay)
        {
            old++;
        }

        s.DailySpend.RemoveRange(0, old);
    }

    /// <summary>
    /// Attempts in the window (approved or declined, every currency unless <paramref name="currency"/> is given) and the
    /// approved spend and cash advances in <paramref name="currency"/> (0 when null).
    /// </summary>
    public static TransactionTotals Totals(AccountRiskState s, TimeSpan window, string? currency)
    {
        var from = s.StreamTimeMs - StateLimits.Ms(window);
        int count = 0, declined = 0;
        long spend = 0, cash = 0;

        // Detail is sorted by event time, so a window is a suffix of it: walk back from the newest and stop.
        var list = CollectionsMarshal.AsSpan(s.RecentTransactions);
        for (var i = list.Length - 1; i >= 0 && list[i].AtMs >= from; i--)
        {
            ref readonly var t = ref list[i];
            if (currency is not null && t.Currency != currency)
            {
                continue;
            }

            count++;
            if (!t.Approved)
            {
                declined++;
            }
            else if (currency is not null)
            {
                spend = Saturating.Add(spend, t.AmountMinor);
                cash = t.CashAdvance ? Saturating.Add(cash, t.AmountMinor) : cash;
            }
        }

        SumSlots(s.Slots, StateLimits.SlotMs, from, currency, ref count, ref declined, ref spend, ref cash);
        SumSlots(s.HourSlots, StateLimits.HourSlotMs, from, currency, ref count, ref declined, ref spend, ref cash);
        return new TransactionTotals(count, declined, spend, cash);
    }

    /// <summary>Distinct merchants of the transactions held in detail within the window whose amount is small in their currency.</summary>
    public static int DistinctSmallMerchants(AccountRiskState s, TimeSpan window, CurrencyAmount maxAmount)
    {
        var from = s.StreamTimeMs - StateLimits.Ms(window);
        Span<ulong> merchants = stackalloc ulong[StateLimits.MaxTransactions];
        var distinct = 0;
        var list = CollectionsMarshal.AsSpan(s.RecentTransactions);
        for (var i = list.Length - 1; i >= 0 && list[i].AtMs >= from && distinct < merchants.Length; i--)
        {
            if (list[i].AmountMinor <= maxAmount.For(list[i].Currency) && !merchants[..distinct].Contains(list[i].MerchantHash))
            {
                merchants[distinct++] = list[i].MerchantHash;
            }
        }

        return distinct;
    }

    /// <summary>
    /// Approved transactions in <paramref name="currency"/> in the baseline: from <paramref name="baselineWindow"/> (whole days)
    /// before the account's clock up to the start of the judged <paramref name="spikeWindow"/>, so a burst never raises its own baseline.
    /// </summary>
    public static (long Count, long SumMinor) Baseline(AccountRiskState s, string currency, TimeSpan spikeWindow, TimeSpan baselineWindow)
    {
        var from = s.StreamTimeMs - StateLimits.Ms(baselineWindow);
        var until = s.StreamTimeMs - StateLimits.Ms(spikeWindow);
        var fromDay = StateLimits.DayOf(from);
        long count = 0, sum = 0;
        foreach (ref readonly var day in CollectionsMarshal.AsSpan(s.DailySpend))
        {
            if (day.Day >= fromDay && day.Currency == currency)
            {
                count = Saturating.Add(count, day.Count);
                sum = Saturating.Add(sum, day.SumMinor);
            }
        }

        BaselineSlots(s.Slots, StateLimits.SlotMs, until, currency, ref count, ref sum);
        BaselineSlots(s.HourSlots, StateLimits.HourSlotMs, until, currency, ref count, ref sum);

        foreach (ref readonly var t in CollectionsMarshal.AsSpan(s.RecentTransactions))
        {
            if (t.AtMs >= until)
            {
                break;
            }

            if (t.Approved && t.AtMs >= from && t.Currency == currency)
            {
                count = Saturating.Add(count, 1);
                sum = Saturating.Add(sum, t.AmountMinor);
            }
        }

        return (count, sum);
    }

    /// <summary>The account's currencies in ordinal order, so which currency a rule reports first does not depend on history.</summary>
    public static IReadOnlyList<string> CurrenciesInOrder(AccountRiskState s)
    {
        if (s.Currencies.Count <= 1)
        {
            return s.Currencies;
        }

        var sorted = s.Currencies.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>Moves <paramref name="currency"/> to most recently used; beyond the cap the least recently used currency and its totals are forgotten.</summary>
    private static void Use(AccountRiskState s, string currency)
    {
        var currencies = s.Currencies;
        if (currencies.Count > 0 && currencies[^1] == currency)
        {
            return;
        }

        currencies.Remove(currency);
        currencies.Add(currency);
        if (currencies.Count > StateLimits.MaxCurrencies)
        {
            var forgotten = currencies[0];
            currencies.RemoveAt(0);
            s.RecentTransactions.RemoveAll(t => t.Currency == forgotten);
            s.Slots.RemoveAll(t => t.Currency == forgotten);
            s.HourSlots.RemoveAll(t => t.Currency == forgotten);
            s.DailySpend.RemoveAll(t => t.Currency == forgotten);
        }
    }

    /// <summary>Slots that start inside the window (at or after <paramref name="from"/>), newest first.</summary>
    private static void SumSlots(
        List<AccountRiskState.SpendSlot> list, long slotMs, long from, string? currency, ref int count, ref int declined, ref long spend, ref long cash)
    {
        var slots = CollectionsMarshal.AsSpan(list);
        for (var i = slots.Length - 1; i >= 0 && slots[i].Slot * slotMs >= from; i--)
        {
            ref readonly var slot = ref slots[i];
            if (currency is not null && slot.Currency != currency)
            {
                continue;
            }

            count = Saturating.Add(count, slot.Count);
            declined = Saturating.Add(declined, slot.Declined);
            if (currency is not null)
            {
                spend = Saturating.Add(spend, slot.SpendMinor);
                cash = Saturating.Add(cash, slot.CashAdvanceMinor);
            }
        }
    }

    /// <summary>Approved totals of <paramref name="currency"/> in slots that start before <paramref name="until"/> (the judged window's start).</summary>
    private static void BaselineSlots(List<AccountRiskState.SpendSlot> list, long slotMs, long until, string currency, ref long count, ref long sum)
    {
        foreach (ref readonly var slot in CollectionsMarshal.AsSpan(list))
        {
            if (slot.Slot * slotMs >= until)
            {
                break;
            }

            if (slot.Currency == currency)
            {
                count = Saturating.Add(count, slot.Count - slot.Declined);
                sum = Saturating.Add(sum, slot.SpendMinor);
            }
        }
    }

    /// <summary>Adds the totals of <paramref name="add"/> to slot <paramref name="slot"/> of its currency in <paramref name="slots"/> (sorted by slot, then currency).</summary>
    private static void FoldIntoSlot(List<AccountRiskState.SpendSlot> slots, long slot, AccountRiskState.SpendSlot add)
    {
        var i = slots.Count;
        while (i > 0 && Compare(slots[i - 1].Slot, slots[i - 1].Currency, slot, add.Currency) > 0)
        {
            i--;
        }

        if (i > 0 && slots[i - 1].Slot == slot && slots[i - 1].Currency == add.Currency)
        {
            var held = slots[i - 1];
            slots[i - 1] = held with
            {
                Count = Saturating.Add(held.Count, add.Count), Declined = Saturating.Add(held.Declined, add.Declined),
                SpendMinor = Saturating.Add(held.SpendMinor, add.SpendMinor), CashAdvanceMinor = Saturating.Add(held.CashAdvanceMinor, add.CashAdvanceMinor),
            };
        }
        else
        {
            slots.Insert(i, add with { Slot = slot });
        }
    }

    private static void FoldIntoDay(AccountRiskState s, long atMs, string currency, long approved, long spendMinor)
    {
        var day = StateLimits.DayOf(atMs);
        if (approved == 0 || day < StateLimits.DayOf(s.StreamTimeMs) - StateLimits.BaselineDays)
        {
            return;
        }

        var days = s.DailySpend;
        var i = days.Count;
        while (i > 0 && Compare(days[i - 1].Day, days[i - 1].Currency, day, currency) > 0)
        {
            i--;
        }

        if (i > 0 && days[i - 1].Day == day && days[i - 1].Currency == currency)
        {
            days[i - 1] = days[i - 1] with { Count = Saturating.Add(days[i - 1].Count, approved), SumMinor = Saturating.Add(days[i - 1].SumMinor, spendMinor) };
        }
        else
        {
            days.Insert(i, new AccountRiskState.DaySpend(day, currency, approved, spendMinor));
        }
    }

    private static int Compare(long a, string aCurrency, long b, string bCurrency) =>
        a != b ? a.CompareTo(b) : string.CompareOrdinal(aCurrency, bCurrency);
}
