namespace RiskStreams.Risk.Tests;

public sealed class AccountRiskDeciderTests
{
    private const long T0 = 1_767_600_000_000; // 2026-01-05T08:00:00Z
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private static readonly GeoPoint Beijing = new(39.9042, 116.4074);
    private static readonly GeoPoint London = new(51.5074, -0.1278);

    private readonly AccountRiskDecider _decider = new(RiskPolicy.Default);
    private readonly AccountRiskState _state = new();
    private readonly SyncCoverageTable _coverage = new();
    private readonly List<LevelChange> _changes = [];
    private int _ids;

    [Fact]
    public void Account_takeover_is_restricted_within_the_burst_with_login_and_spend_reasons()
    {
        History();
        var t = T0 + (2 * 60 * Minute);
        for (var i = 0; i < 5; i++)
        {
            Apply(Login(t += 20_000, success: false, "atk", London));
        }

        Apply(Login(t += Minute, success: true, "atk", London));
        for (var i = 0; i < 4; i++)
        {
            Apply(Txn(t += Minute, 60_000, $"m-online-{i}", London));
        }

        Assert.Equal([RiskLevel.Watch, RiskLevel.Restricted, RiskLevel.Suspended], _changes.Select(c => c.Level));
        var top = _changes[^1];
        Assert.Equal("transactions", top.TriggeringStream);
        Assert.Equal(100, top.Score);
        Assert.True(top.Level >= RiskLevel.Restricted, $"level was {top.Level}");
        var codes = _changes.SelectMany(c => c.Reasons).Select(r => r.Code).ToHashSet();
        Assert.Contains(ReasonCodes.LoginFailures, codes);
        Assert.Contains(ReasonCodes.ImpossibleTravel, codes);
        Assert.Contains(ReasonCodes.SpendSpike, codes);
        Assert.True(top.Appealable);
        Assert.Equal(Enumerable.Range(1, _changes.Count).Select(v => (long)v), _changes.Select(c => c.Version));
    }

    [Fact]
    public void Card_testing_at_distinct_merchants_is_restricted()
    {
        var t = T0;
        for (var i = 0; i < 5; i++)
        {
            Apply(Txn(t += 30_000, 99, $"probe-{i}", Beijing));
        }

        var change = Assert.Single(_changes);
        Assert.Equal(RiskLevel.Restricted, change.Level);
        Assert.Equal(60, change.Score);
        var reason = Assert.Single(change.Reasons);
        Assert.Equal(ReasonCodes.SmallTxnProbing, reason.Code);
        Assert.Equal("5", reason.Evidence.Single(e => e.Key == "distinctMerchants").Value);
        Assert.Equal([RiskAction.NotifyCustomer, RiskAction.RequireStepUpAuth, RiskAction.ReduceCreditLimit, RiskAction.OpenManualReview], change.Actions);
    }

    [Fact]
    public void Chronic_overdue_with_sources_in_sync_is_suspended()
    {
        _coverage.Update("ledger", T0);
        Apply(Bill(T0, "b1", T0 - (35 * Day), BillState.Overdue, 35));
        Apply(Bill(T0 + 1, "b2", T0 - (96 * Day), BillState.Overdue, 96));

        Assert.Equal([RiskLevel.Restricted, RiskLevel.Suspended], _changes.Select(c => c.Level));
        var last = _changes[^1];
        Assert.Equal(90, last.Score);
        Assert.Equal(ReasonCodes.RepaymentOverdue, Assert.Single(last.Reasons).Code);
        Assert.Equal("2 bills on your account are past due; the oldest is 96 days past due.", last.Reasons[0].Message);
        Assert.Equal([RiskAction.NotifyCustomer, RiskAction.SuspendCredit, RiskAction.OpenManualReview], last.Actions);
        Assert.Equal("acct:2", last.ChangeId);
        Assert.Equal(RiskLevel.Restricted, last.PreviousLevel);
    }

    [Fact]
    public void Overdue_bill_not_yet_covered_by_sync_stays_at_watch_and_late_payment_restores_at_once()
    {
        _coverage.Update("ledger", T0 - Minute);
        var due = T0 - (3 * 60 * Minute);
        Apply(Bill(T0, "b1", due, BillState.Overdue, 1));
        Apply(Bill(T0 + Minute, "b2", T0 - (95 * Day), BillState.Overdue, 95) with { DueDateMs = T0 - Minute - (2 * Day) });

        // b2 is confirmed (covered), b1 pending; pending alone never lifts above WATCH.
        Assert.Equal(RiskLevel.Suspended, _changes[^1].Level);
        var pending = _changes[0];
        Assert.Equal(RiskLevel.Watch, pending.Level);
        Assert.Equal(ReasonCodes.RepaymentSyncPending, Assert.Single(pending.Reasons).Code);
        Assert.False(pending.Appealable);

        // Both bills paid, the payment records synced late with ledger times before the overdue records.
        Apply(Bill(due - 60 * Minute, "b2", T0 - (95 * Day), BillState.Paid, 0));
        var restored = _changes[^1];
        Assert.Equal(RiskLevel.Watch, restored.Level);
        Assert.Equal(ReasonCodes.RepaymentReceived, restored.Reasons[0].Code);
        Assert.Equal([RiskAction.NotifyCustomer, RiskAction.RequireStepUpAuth, RiskAction.RestoreCredit], restored.Actions);
        Apply(Bill(due - 60 * Minute, "b1", due, BillState.Paid, 0));
        Assert.Equal(RiskLevel.Normal, _changes[^1].Level);
        Assert.Equal(4, _changes.Count);
    }

    [Fact]
    public void Sync_pending_bill_alone_never_goes_above_watch()
    {
        for (var i = 0; i < 5; i++)
        {
            Apply(Bill(T0 + i, $"b{i}", T0 - (2 * 60 * Minute), BillState.Overdue, 1));
        }

        Assert.Equal(RiskLevel.Watch, Assert.Single(_changes).Level);
    }

    [Fact]
    public void Traveller_with_mfa_on_known_device_is_never_above_watch()
    {
        History();
        var t = T0 + (2 * 60 * Minute);
        Apply(Login(t, success: true, "dev-1", London, mfa: true));
        Apply(Txn(t + (7 * Minute), 5_000, "m-abroad-1", London));
        Apply(Txn(t + (14 * Minute), 5_000, "m-abroad-2", London));
        Assert.All(_changes, c => Assert.True(c.Level <= RiskLevel.Watch, $"level was {c.Level}"));
    }

    [Fact]
    public void Level_goes_down_only_after_the_cooldown()
    {
        var t = T0;
        for (var i = 0; i < 5; i++)
        {
            Apply(Txn(t += 30_000, 99, $"probe-{i}", Beijing));
        }

        // RESTRICTED cools down for 12 h in the default policy (it was one 6 h cooldown for every level).
        Apply(Txn(t + (2 * 60 * Minute), 5_000, "m-1", Beijing));
        Apply(Txn(t + (7 * 60 * Minute), 5_000, "m-2", Beijing));
        Apply(Txn(t + (12 * 60 * Minute) - 1, 5_000, "m-3", Beijing));
        Assert.Single(_changes);
        Apply(Txn(t + (12 * 60 * Minute), 5_000, "m-4", Beijing));
        var down = _changes[^1];
        Assert.Equal(RiskLevel.Normal, down.Level);
        Assert.Equal(ReasonCodes.RiskCleared, down.Reasons[0].Code);
        Assert.Equal([RiskAction.NotifyCustomer, RiskAction.RestoreCredit], down.Actions);
        Assert.Equal("12", down.Reasons[0].Evidence.Single(e => e.Key == "cooldownHours").Value);
    }

    [Fact]
    public void Same_events_give_identical_changes()
    {
        var events = new List<AccountEvent>();
        var t = T0;
        for (var i = 0; i < 6; i++)
        {
            events.Add(Txn(t += 30_000, 99, $"probe-{i}", Beijing));
        }

        events.Add(Login(t += Minute, success: true, "x", London));
        static List<LevelChange> Run(IEnumerable<AccountEvent> input)
        {
            var decider = new AccountRiskDecider(RiskPolicy.Default);
            var state = new AccountRiskState();
            var coverage = new SyncCoverageTable();
            return [.. input.Select(e => decider.Apply(state, e, coverage)).OfType<LevelChange>()];
        }

        var a = Run(events);
        var b = Run(events);
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(a.Select(Describe), b.Select(Describe));
    }

    private static string Describe(LevelChange c) =>
        $"{c.ChangeId}|{c.PreviousLevel}|{c.Level}|{c.Score}|{string.Join(",", c.Reasons.Select(r => r.Code + string.Join(";", r.Evidence)))}|{string.Join(",", c.Actions)}";

    private void History()
    {
        Apply(Login(T0, success: true, "dev-1", Beijing));
        for (var i = 0; i < 10; i++)
        {
            Apply(Txn(T0 + ((i + 1) * Minute), 5_000, $"m-{i}", Beijing));
        }

        Assert.Empty(_changes);
    }

    private void Apply(AccountEvent e)
    {
        if (_decider.Apply(_state, e, _coverage) is { } change)
        {
            _changes.Add(change);
        }
    }

    private LoginEvent Login(long at, bool success, string device, GeoPoint where, bool mfa = false) =>
        new($"e{++_ids}", "acct", at, success, device, mfa, where == London ? "GB" : "CN", where);

    private TransactionEvent Txn(long at, long amount, string merchant, GeoPoint where) =>
        new($"e{++_ids}", "acct", at, amount, merchant, Approved: true, CashAdvance: false, Refund: false, "dev-1", where == London ? "GB" : "CN", where, "CNY");

    private RepaymentEvent Bill(long at, string billId, long due, BillState state, int daysPastDue) =>
        new($"e{++_ids}", "acct", at, "ledger", billId, due, state, daysPastDue, 10_000, state == BillState.Paid ? 10_000 : 0, null, null);
}
