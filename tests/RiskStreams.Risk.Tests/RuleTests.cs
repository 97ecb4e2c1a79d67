using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Each scored rule of the default policy: when it fires, with which message and evidence.</summary>
public sealed class RuleTests
{
    private readonly Account _a = new();

    [Fact]
    public void Fifteen_attempts_in_ten_minutes_fire_txn_velocity()
    {
        for (var i = 0; i < 15; i++)
        {
            _a.Txn(T0 + (i * 40 * Second), 2_000, "m-cafe", Beijing);
        }

        var change = Assert.Single(_a.Changes);
        Assert.Equal("acct:1|Normal|Watch|30|TXN_VELOCITY|RequireStepUpAuth|e15", Describe(change));
        var reason = change.Reasons[0];
        Assert.Equal("There were 15 payment attempts on your account within 10 minutes, which is unusually many.", reason.Message);
        Assert.Equal([("transactions", "15"), ("threshold", "15"), ("windowMinutes", "10")], reason.Evidence.Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Declines_below_the_minimum_count_or_ratio_do_not_fire()
    {
        for (var i = 0; i < 5; i++)
        {
            _a.Txn(T0 + (i * Minute), 50_000, "m-shop", Beijing, approved: false);
        }

        _a.Txn(T0 + (6 * Minute), 50_000, "m-shop", Beijing);
        _a.Txn(T0 + (7 * Minute), 50_000, "m-shop", Beijing);
        _a.Txn(T0 + (8 * Minute), 50_000, "m-shop", Beijing);
        _a.Txn(T0 + (9 * Minute), 50_000, "m-shop", Beijing);
        _a.Txn(T0 + (10 * Minute), 50_000, "m-shop", Beijing);
        _a.Txn(T0 + (11 * Minute), 50_000, "m-shop", Beijing);
        Assert.Equal(new TransactionTotals(11, 5, 300_000, 0), _a.Features.LastHour);
        Assert.Empty(_a.Changes);
    }

    [Fact]
    public void High_decline_rate_adds_to_failed_logins_and_a_new_device()
    {
        _a.Login(T0, success: true, "dev-1", Beijing);
        var t = T0;
        for (var i = 0; i < 5; i++)
        {
            _a.Login(t += 10 * Second, success: false, "x", Beijing);
        }

        _a.Login(T0 + Minute, success: true, "dev-2", Beijing);
        t = T0 + Minute;
        for (var i = 0; i < 6; i++)
        {
            _a.Txn(t += Minute, 40_000, $"m-{i}", Beijing, approved: i % 2 == 1, device: "dev-2");
        }

        Assert.Equal(
        [
            "acct:1|Normal|Watch|30|LOGIN_FAILURES|RequireStepUpAuth|e6",
            "acct:2|Watch|Restricted|70|LOGIN_FAILURES,NEW_DEVICE,HIGH_DECLINE_RATE|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e13",
        ], _a.Changes.Select(Describe));
        var declines = _a.Changes[1].Reasons[2];
        Assert.Equal(
            [("declined", "3"), ("transactions", "6"), ("declineRatio", "0.5"), ("ratioThreshold", "0.5"), ("minTransactions", "6"), ("windowMinutes", "60")],
            declines.Evidence.Select(e => (e.Key, e.Value)));
    }

    [Fact]
    public void Cash_advance_surge_fires_on_share_and_amount_together_with_the_spend_spike()
    {
        _a.History();
        _a.Txn(T0, 120_000, "atm-1", Beijing, cash: true);
        _a.Txn(T0 + (30 * Minute), 120_000, "atm-2", Beijing, cash: true);

        Assert.Equal(
        [
            "acct:1|Normal|Watch|35|SPEND_SPIKE|RequireStepUpAuth|e42",
            "acct:2|Watch|Restricted|65|SPEND_SPIKE,CASH_ADVANCE_SURGE|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview|e43",
        ], _a.Changes.Select(Describe));
        var cash = _a.Changes[1].Reasons[1];
        // The last day's two purchases at home (10,000) count in the 24 h spend too: 240,000 / 250,000.
        Assert.Equal("Cash withdrawals made up 96% of the use of your credit line in the last 24 hours.", cash.Message);
        Assert.Equal("240000", Evidence(cash, "cashAdvanceMinor"));
        Assert.Equal("0.96", Evidence(cash, "cashAdvanceShare"));
    }

    [Fact]
    public void Cash_advances_below_the_share_do_not_fire()
    {
        var policy = RiskPolicy.Default with
        {
            Rules = RiskPolicy.Default.Rules.With(RiskPolicy.Default.Rules.SpendSpike with { Enabled = false }),
        };
        var a = new Account(policy);
        a.Txn(T0, 300_000, "m-furniture", Beijing);
        a.Txn(T0 + Hour, 250_000, "atm-1", Beijing, cash: true);
        Assert.Empty(a.Changes); // 250,000 / 550,000 = 45% < 60%
        a.Txn(T0 + (2 * Hour), 200_000, "atm-2", Beijing, cash: true);
        var change = Assert.Single(a.Changes); // 450,000 / 750,000 = 60%
        Assert.Equal("acct:1|Normal|Watch|30|CASH_ADVANCE_SURGE|RequireStepUpAuth|e3", Describe(change));
        Assert.Equal("0.6", Evidence(change.Reasons[0], "cashAdvanceShare"));
    }

    [Fact]
    public void High_utilization_uses_the_latest_record_carrying_both_figures_and_never_acts_alone()
    {
        _a.Coverage.Update("ledger", T0);
        _a.Bill(T0 - Hour, "b-now", T0 + (20 * Day), BillState.Scheduled, 0, outstanding: 96_000, limit: 100_000);
        Assert.Empty(_a.Changes);
        Assert.Equal(0.96, _a.Features.Utilization);

        // An older record (by ledger time) arriving late does not replace it; one without a limit is not used.
        _a.Bill(T0 - (2 * Hour), "b-old", T0 + (10 * Day), BillState.Scheduled, 0, outstanding: 10_000, limit: 100_000);
        _a.Bill(T0, "b-nolimit", T0 + (10 * Day), BillState.Scheduled, 0, outstanding: 10_000);
        Assert.Equal(0.96, _a.Features.Utilization);

        _a.Bill(T0 + Minute, "b-late", T0 - (2 * Day), BillState.Overdue, 2);
        var change = Assert.Single(_a.Changes);
        Assert.Equal("acct:1|Normal|Watch|45|HIGH_UTILIZATION,REPAYMENT_OVERDUE|RequireStepUpAuth|e4", Describe(change));
        Assert.Equal("Your outstanding balance is 96% of your credit limit.", change.Reasons[0].Message);
        Assert.Equal("0.96", Evidence(change.Reasons[0], "utilization"));
    }

    [Fact]
    public void Failed_logins_from_far_away_are_not_travel_but_a_new_device_without_mfa_is_a_signal()
    {
        _a.Login(T0, success: true, "dev-1", Beijing);
        _a.Login(T0 + Minute, success: false, "x", London);
        Assert.Null(_a.State.Travel);

        _a.Login(T0 + (2 * Minute), success: true, "dev-2", Beijing, mfa: true);
        Assert.Null(_a.State.NewDeviceSignal);
        _a.Login(T0 + (3 * Minute), success: true, "dev-3", Beijing);
        Assert.Equal("dev-3", _a.State.NewDeviceSignal?.DeviceId);
        Assert.Empty(_a.Changes); // 15 alone stays NORMAL
    }

    [Fact]
    public void Mfa_exemption_can_be_turned_off()
    {
        var policy = RiskPolicy.Default with
        {
            Rules = RiskPolicy.Default.Rules.With(RiskPolicy.Default.Rules.NewDevice with { MfaExempts = false }),
        };
        var a = new Account(policy);
        a.Login(T0, success: true, "dev-1", Beijing);
        a.Login(T0 + Minute, success: true, "dev-2", Beijing, mfa: true);
        Assert.Equal("dev-2", a.State.NewDeviceSignal?.DeviceId);
    }

    [Fact]
    public void Disabled_rules_do_not_score()
    {
        var rules = RiskPolicy.Default.Rules;
        var policy = RiskPolicy.Default with { Rules = rules.With(rules.SmallTxnProbing with { Enabled = false }) };
        var a = new Account(policy);
        for (var i = 0; i < 8; i++)
        {
            a.Txn(T0 + (i * 20 * Second), 99, $"probe-{i}", Beijing);
        }

        Assert.Empty(a.Changes);
        Assert.Equal(12, policy.Rules.EnabledCount);
    }
}
