using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>The behaviours issue 5 asks of the shipped default policy, with exact changes.</summary>
public sealed class DefaultPolicyScenarioTests
{
    private readonly Account _a = new();

    [Fact]
    public void Account_takeover_is_suspended_within_the_spending_burst_with_login_and_spend_reasons()
    {
        _a.History();
        var t = T0;
        for (var i = 0; i < 6; i++)
        {
            _a.Login(t += 20 * Second, success: false, "atk", London);
        }

        _a.Login(t += Minute, success: true, "atk", London);
        for (var i = 0; i < 6; i++)
        {
            _a.Txn(t += Minute, 30_000, $"m-online-{i}", London, device: "atk");
        }

        // Fifth failure: WATCH. Successful login from the attacker's device 8,100 km away 2 h after the last
        // purchase at home: RESTRICTED. Fourth purchase of the burst (120,000 > 8 x 5,000, >= 100,000): SUSPENDED.
        Assert.Equal(
        [
            "acct:1|Normal|Watch|30|LOGIN_FAILURES|RequireStepUpAuth|e46",
            "acct:2|Watch|Restricted|70|LOGIN_FAILURES,NEW_DEVICE,IMPOSSIBLE_TRAVEL|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e48",
            "acct:3|Restricted|Suspended|100|LOGIN_FAILURES,NEW_DEVICE,IMPOSSIBLE_TRAVEL,SPEND_SPIKE|NotifyCustomer,SuspendCredit,OpenManualReview|e52",
        ], _a.Changes.Select(Describe));
        var burst = _a.Changes[^1];
        Assert.Equal("transactions", burst.TriggeringStream);
        Assert.True(burst.Appealable);
        Assert.Equal("default-2026.01", burst.PolicyVersion);
        var spike = burst.Reasons.Single(r => r.Code == ReasonCodes.SpendSpike);
        Assert.Equal("120000", Evidence(spike, "windowSpendMinor"));
        Assert.Equal("5000", Evidence(spike, "averagePurchaseMinor"));
        Assert.Equal("40", Evidence(spike, "baselineTransactions"));
        Assert.Equal("Spending in the last hour is much higher than usual for your account.", spike.Message);
        Assert.Equal("We saw 6 failed sign-in attempts on your account within 10 minutes.", burst.Reasons[0].Message);
    }

    [Fact]
    public void Card_testing_with_declines_is_restricted_at_the_fifth_distinct_merchant()
    {
        var t = T0;
        for (var i = 0; i < 8; i++)
        {
            _a.Txn(t += 25 * Second, 50 + (i * 10), $"probe-{i}", Beijing, approved: i % 3 != 2, device: "web");
        }

        var change = Assert.Single(_a.Changes);
        Assert.Equal("acct:1|Normal|Restricted|60|SMALL_TXN_PROBING|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e5",
            Describe(change));
        Assert.Equal("5", Evidence(change.Reasons[0], "distinctMerchants"));
        Assert.Equal("200", Evidence(change.Reasons[0], "maxAmountMinor"));
    }

    [Fact]
    public void Card_testing_at_bot_speed_with_many_declines_is_suspended()
    {
        var t = T0;
        for (var i = 0; i < 16; i++)
        {
            _a.Txn(t += 20 * Second, 100, $"probe-{i}", Beijing, approved: i % 2 == 0, device: "web");
        }

        // Fifth merchant: probing (60). Sixth attempt: 3 of 6 declined = 0.5 adds the decline rate (25): 85.
        Assert.Equal(
        [
            "acct:1|Normal|Restricted|60|SMALL_TXN_PROBING|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e5",
            "acct:2|Restricted|Suspended|85|SMALL_TXN_PROBING,HIGH_DECLINE_RATE|NotifyCustomer,SuspendCredit,OpenManualReview|e6",
        ], _a.Changes.Select(Describe));
        var declines = _a.Changes[1].Reasons[1];
        Assert.Equal("3 of 6 payment attempts on your account in the last hour were declined.", declines.Message);
        Assert.Equal("0.5", Evidence(declines, "declineRatio"));
        Assert.Equal(RiskLevel.Suspended, _a.State.Level);
        Assert.Equal(new TransactionTotals(16, 8, 800, 0), _a.Features.Last10Minutes);
    }

    [Fact]
    public void Chronic_overdue_with_sources_in_sync_is_suspended_with_repayment_overdue()
    {
        _a.Coverage.Update("ledger", T0);
        _a.Bill(T0, "b1", T0 - (35 * Day), BillState.Overdue, 35);
        _a.Bill(T0 + (5 * Second), "b2", T0 - (64 * Day), BillState.Overdue, 64);
        _a.Bill(T0 + (10 * Second), "b3", T0 - (96 * Day), BillState.Overdue, 96);

        Assert.Equal(
        [
            "acct:1|Normal|Restricted|60|REPAYMENT_OVERDUE|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e1",
            "acct:2|Restricted|Suspended|90|REPAYMENT_OVERDUE|NotifyCustomer,SuspendCredit,OpenManualReview|e3",
        ], _a.Changes.Select(Describe));
        var reason = _a.Changes[^1].Reasons[0];
        Assert.Equal("3 bills on your account are past due; the oldest is 96 days past due.", reason.Message);
        Assert.Equal("3", Evidence(reason, "overdueBills"));
        Assert.Equal("96", Evidence(reason, "maxDaysPastDue"));
    }

    [Fact]
    public void One_overdue_bill_climbing_past_90_days_is_suspended()
    {
        var due = T0 - (5 * Day);
        foreach (var dpd in new[] { 5, 35, 65, 95 })
        {
            var at = due + (dpd * Day);
            _a.Coverage.Update("ledger", at);
            _a.Bill(at, "b1", due, BillState.Overdue, dpd);
        }

        Assert.Equal(
        [
            "acct:1|Normal|Watch|30|REPAYMENT_OVERDUE|RequireStepUpAuth|e1",
            "acct:2|Watch|Restricted|60|REPAYMENT_OVERDUE|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e2",
            "acct:3|Restricted|Suspended|90|REPAYMENT_OVERDUE|NotifyCustomer,SuspendCredit,OpenManualReview|e4",
        ], _a.Changes.Select(Describe));
    }

    [Fact]
    public void Traveller_signing_in_with_mfa_on_the_known_device_abroad_and_spending_normally_stays_normal()
    {
        _a.History();
        var t = T0 + (10 * Hour); // a 12 h flight after the last purchase at home
        _a.Login(t, success: true, "dev-1", London, mfa: true);
        for (var i = 0; i < 6; i++)
        {
            _a.Txn(t += 40 * Minute, 6_000, $"m-abroad-{i}", London);
        }

        Assert.Empty(_a.Changes);
    }

    [Fact]
    public void Traveller_seen_abroad_too_soon_after_home_is_never_above_watch()
    {
        _a.History();
        var t = T0; // 2 h after the last purchase in Beijing: impossible travel alone scores 25
        _a.Login(t, success: true, "dev-1", London, mfa: true);
        for (var i = 0; i < 3; i++)
        {
            _a.Txn(t += 7 * Minute, 5_000, $"m-abroad-{i}", London);
        }

        Assert.Empty(_a.Changes);
        Assert.True(_a.MaxLevel <= RiskLevel.Watch);
    }

    [Fact]
    public void One_large_purchase_on_the_known_device_at_home_is_watch_at_most_and_clears_after_two_hours()
    {
        _a.History();
        _a.Txn(T0, 250_000, "m-electronics", Beijing);
        _a.Txn(T0 + (90 * Minute), 5_000, "m-1", Beijing);
        _a.Txn(T0 + (2 * Hour), 5_000, "m-2", Beijing);

        Assert.Equal(
        [
            "acct:1|Normal|Watch|35|SPEND_SPIKE|RequireStepUpAuth|e42",
            "acct:2|Watch|Normal|0|RISK_CLEARED||e44",
        ], _a.Changes.Select(Describe));
        Assert.False(_a.Changes[0].Appealable);
    }

    [Fact]
    public void Sync_lag_trap_is_never_above_watch_and_the_late_paid_record_restores_at_once()
    {
        // Two payment sources; the partner ledger lags. The bill was paid an hour before its due date in the
        // partner ledger, but the main ledger already reports it overdue.
        _a.Coverage.Update("ledger-main", T0);
        _a.Coverage.Update("ledger-partner", T0 - (6 * Hour));
        var due = T0 - (3 * Hour);
        _a.Bill(T0, "b1", due, BillState.Overdue, 1, source: "ledger-main");
        _a.Bill(T0 + Minute, "b2", T0 - (2 * Hour), BillState.Overdue, 1, source: "ledger-main");
        _a.Coverage.Update("ledger-partner", T0 - (2 * Hour));
        _a.SyncCheck(T0 + (2 * Minute));
        _a.Bill(due - Hour, "b1", due, BillState.Paid, 0, source: "ledger-partner");
        _a.Bill(due - Hour, "b2", T0 - (2 * Hour), BillState.Paid, 0, source: "ledger-partner");

        Assert.Equal(
        [
            "acct:1|Normal|Watch|30|REPAYMENT_SYNC_PENDING|RequireStepUpAuth|e1",
            "acct:2|Watch|Normal|0|REPAYMENT_RECEIVED||e5",
        ], _a.Changes.Select(Describe));
        Assert.False(_a.State.HasOverdueBills);
        var pending = _a.Changes[0].Reasons[0];
        Assert.Equal("b1", Evidence(pending, "billId"));
        Assert.Equal("2026-01-05T02:00:00.0000000+00:00", Evidence(pending, "syncedThrough"));
        Assert.False(_a.Changes[0].Appealable);
        Assert.True(_a.MaxLevel <= RiskLevel.Watch);
    }

    [Fact]
    public void Payment_of_a_confirmed_overdue_bill_restores_credit_at_once_without_cooldown()
    {
        _a.Coverage.Update("ledger", T0);
        _a.Bill(T0, "b1", T0 - (40 * Day), BillState.Overdue, 40);
        _a.Bill(T0 + Minute, "b1", T0 - (40 * Day), BillState.Paid, 0);

        Assert.Equal(
        [
            "acct:1|Normal|Restricted|60|REPAYMENT_OVERDUE|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e1",
            "acct:2|Restricted|Normal|0|REPAYMENT_RECEIVED|NotifyCustomer,RestoreCredit|e2",
        ], _a.Changes.Select(Describe));
        Assert.Equal("We received your repayment for the overdue bill.", _a.Changes[1].Reasons[0].Message);
    }
}
