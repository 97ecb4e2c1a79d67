using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Account features in event time, and the bounds on what the state keeps.</summary>
public sealed class FeatureTests
{
    private readonly Account _a = new();

    [Fact]
    public void Sliding_windows_of_10_minutes_1_hour_and_24_hours_include_both_ends()
    {
        _a.Txn(T0 - (24 * Hour), 1_000, "m-a", Beijing);
        _a.Txn(T0 - Hour, 2_000, "m-b", Beijing);
        _a.Txn(T0 - (10 * Minute), 4_000, "m-c", Beijing, approved: false);
        _a.Txn(T0 - (5 * Minute), 8_000, "atm", Beijing, cash: true);
        _a.Txn(T0, 16_000, "m-d", Beijing);

        var f = _a.Features;
        Assert.Equal(T0, f.AtMs);
        Assert.Equal(new TransactionTotals(3, 1, 24_000, 8_000), f.Last10Minutes);
        Assert.Equal(new TransactionTotals(4, 1, 26_000, 8_000), f.LastHour);
        Assert.Equal(new TransactionTotals(5, 1, 27_000, 8_000), f.Last24Hours);
    }

    [Fact]
    public void A_late_transaction_lands_in_its_own_event_time_window()
    {
        _a.Txn(T0, 1_000, "m-a", Beijing);
        _a.Txn(T0 - (30 * Minute), 2_000, "m-b", Beijing);
        _a.Txn(T0 - (2 * Hour), 4_000, "m-c", Beijing);

        Assert.Equal(1, _a.Features.Last10Minutes.Count);
        Assert.Equal(3_000, _a.Features.LastHour.SpendMinor);
        Assert.Equal([T0 - (2 * Hour), T0 - (30 * Minute), T0], _a.State.RecentTransactions.Select(t => t.AtMs));
    }

    [Fact]
    public void Baseline_covers_30_days_before_the_judged_window_in_at_most_31_daily_totals()
    {
        for (var d = 60; d >= 0; d--)
        {
            _a.Txn(T0 - (d * Day), 1_000 + d, $"m-{d}", Beijing);
        }

        Assert.InRange(_a.State.DailySpend.Count, 1, 31);
        Assert.Equal([T0 - Day, T0], _a.State.RecentTransactions.Select(t => t.AtMs)); // 24 h of detail, both ends
        var f = _a.Features;

        // Days 30..1 before T0 (30 transactions); today's is inside the judged hour.
        Assert.Equal(30, f.BaselineCount);
        Assert.Equal(Enumerable.Range(1, 30).Sum(d => 1_000L + d), f.BaselineSpendMinor);
        Assert.Equal(1_015, f.BaselineAverageMinor);
    }

    [Fact]
    public void Detail_is_bounded_and_transactions_beyond_it_still_count_in_the_baseline()
    {
        for (var i = 0; i < 2_500; i++)
        {
            _a.Txn(T0 - Day + 1 + (i * 30 * Second), 100 + (i % 50), "m-same", Beijing, approved: i % 10 != 0);
        }

        Assert.Equal(64, _a.State.RecentTransactions.Count);
        Assert.InRange(_a.State.Slots.Count, 1, 24);
        Assert.InRange(_a.State.HourSlots.Count, 1, 22);
        Assert.Equal(2_250, _a.Features.BaselineCount + _a.Features.LastHour.Count - _a.Features.LastHour.Declined);
    }

    [Fact]
    public void Known_devices_are_bounded_and_the_least_recently_used_is_forgotten()
    {
        for (var i = 0; i < 20; i++)
        {
            _a.Login(T0 + (i * Minute), success: true, $"dev-{i}", Beijing, mfa: true);
        }

        _a.Login(T0 + Hour, success: true, "dev-12", Beijing, mfa: true);
        Assert.Equal(8, _a.Features.KnownDevices);
        Assert.Equal(["dev-13", "dev-14", "dev-15", "dev-16", "dev-17", "dev-18", "dev-19", "dev-12"], _a.State.KnownDevices);
    }

    [Fact]
    public void Failed_logins_are_kept_for_24_hours_only()
    {
        for (var i = 0; i < 10; i++)
        {
            _a.Login(T0 + (i * Second), success: false, "x", Beijing);
        }

        Assert.Equal(10, _a.Features.FailedLoginsLast10Minutes);
        _a.Login(T0 + Day + (5 * Second), success: true, "dev-1", Beijing);
        Assert.Equal(5, _a.State.LoginFailureTimes.Count); // T0+5s .. T0+9s
        Assert.Equal(0, _a.Features.FailedLoginsLast10Minutes);
    }

    [Fact]
    public void Settled_bills_are_forgotten_after_90_days_but_overdue_ones_are_kept()
    {
        _a.Bill(T0, "paid", T0 - Day, BillState.Paid, 0);
        _a.Bill(T0, "late", T0 - Day, BillState.Overdue, 1);
        _a.Bill(T0 + (90 * Day), "next", T0 + (100 * Day), BillState.Scheduled, 0);
        Assert.Equal(["late", "next", "paid"], _a.State.Bills.Keys.Order(StringComparer.Ordinal));

        _a.Bill(T0 + (90 * Day) + 1, "next", T0 + (100 * Day), BillState.Scheduled, 0);
        Assert.Equal(["late", "next"], _a.State.Bills.Keys.Order(StringComparer.Ordinal));

        // A record older than the retention about a forgotten bill cannot bring it back as overdue.
        _a.Bill(T0 - 1, "paid", T0 - Day, BillState.Overdue, 1);
        Assert.False(_a.State.Bills.ContainsKey("paid"));
        Assert.Equal(1, _a.Features.OverdueBills);
    }

    [Fact]
    public void A_paid_record_settles_an_overdue_bill_however_old_its_ledger_time()
    {
        _a.Bill(T0, "b1", T0 - (100 * Day), BillState.Overdue, 100);
        _a.Bill(T0 + (95 * Day), "b1", T0 - (100 * Day), BillState.Overdue, 195);
        _a.Bill(T0 - (99 * Day), "b1", T0 - (100 * Day), BillState.Paid, 0);
        Assert.False(_a.State.HasOverdueBills);
    }
}
