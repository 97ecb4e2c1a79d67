namespace RiskStreams.Risk.Tests;

public sealed class AccountRiskStateCodecTests
{
    private const long T0 = 1_767_600_000_000;
    private static readonly GeoPoint Beijing = new(39.9042, 116.4074);
    private static readonly GeoPoint London = new(51.5074, -0.1278);

    [Fact]
    public void Decisions_are_identical_when_state_is_stored_and_reloaded_between_every_event()
    {
        var events = Scenario();
        var coverage = new SyncCoverageTable();
        coverage.Update("ledger", T0);

        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var live = new AccountRiskState();
        var expected = events.Select(e => decider.Apply(live, e, coverage)).OfType<LevelChange>().Select(Describe).ToList();

        var stored = AccountRiskStateCodec.Encode(new AccountRiskState());
        var actual = new List<string>();
        foreach (var e in events)
        {
            var state = AccountRiskStateCodec.Decode(stored);
            if (decider.Apply(state, e, coverage) is { } change)
            {
                actual.Add(Describe(change));
            }

            stored = AccountRiskStateCodec.Encode(state);
        }

        // The six purchases of the history fall partly inside the judged hour, so the baseline holds four (< 5)
        // and SPEND_SPIKE stays silent: the 100-day overdue bill suspends, and its payment lowers to RESTRICTED at once.
        Assert.Equal(["a:1|Normal|Watch", "a:2|Watch|Restricted", "a:3|Restricted|Suspended", "a:4|Suspended|Restricted"],
            expected.Select(e => string.Join("|", e.Split("|")[..3])));
        Assert.StartsWith(ReasonCodes.RepaymentReceived, expected[^1].Split("|")[4], StringComparison.Ordinal);
        Assert.Equal(expected, actual);
        Assert.Equal(AccountRiskStateCodec.Encode(live), stored);
    }

    [Fact]
    public void Decoding_bytes_that_are_not_state_fails_with_format_exception()
    {
        Assert.Equal("Account state is empty.", Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode([])).Message);
        Assert.Equal("Account state format v110 is not supported (expected v3 or v4, or JSON v1/v2).",
            Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("not json"u8)).Message);
        Assert.Equal("Account state format v9 is not supported (expected v1 or v2 in JSON, or the binary v3 or v4).",
            Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("{\"v\":9}"u8)).Message);
        Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("{not json"u8));
    }

    [Fact]
    public void Truncated_binary_state_fails_with_format_exception()
    {
        var bytes = AccountRiskStateCodec.Encode(StateAfter(Scenario()));
        for (var length = 1; length < bytes.Length; length++)
        {
            Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode(bytes.AsSpan(0, length)));
        }

        Assert.Equal("Account state is malformed: unexpected bytes after the state.",
            Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode([.. bytes, 0])).Message);
    }

    [Fact]
    public void Binary_state_starts_with_its_format_version()
    {
        Assert.Equal(4, AccountRiskStateCodec.Encode(new AccountRiskState())[0]);
        Assert.Equal(4, AccountRiskStateCodec.Encode(StateAfter(Scenario()))[0]);
    }

    [Fact]
    public void Version_2_json_state_written_by_the_previous_release_still_decodes_and_decides_on()
    {
        // Written by the JSON codec of the previous release (commit c32a0f1): a suspended account with a 40-day overdue
        // bill, five card-testing probes, three days of baseline spend.
        var v2 = """
            {"v":2,"streamTime":1767600060000,"loginFailures":[],"devices":["dev-1"],"location":{"atMs":1767600050000,"point":{"latitude":39.9042,"longitude":116.4074},"country":"CN"},"txns":[{"at":1767600010000,"amount":99,"merchant":"probe-1","approved":true,"cash":false},{"at":1767600020000,"amount":99,"merchant":"probe-2","approved":true,"cash":false},{"at":1767600030000,"amount":99,"merchant":"probe-3","approved":true,"cash":false},{"at":1767600040000,"amount":99,"merchant":"probe-4","approved":true,"cash":false},{"at":1767600050000,"amount":99,"merchant":"probe-5","approved":true,"cash":false}],"days":[{"day":20455,"count":1,"sum":5003},{"day":20456,"count":1,"sum":5002},{"day":20457,"count":1,"sum":5001}],"utilization":{"atMs":1767600060000,"outstandingMinor":150000,"creditLimitMinor":200000},"bills":{"b1":{"occurredAtMs":1767600060000,"state":3,"daysPastDue":40,"dueDateMs":1764144000000,"amountDueMinor":10000,"amountPaidMinor":0}},"level":3,"version":2,"levelSince":1767600060000,"levelHeld":1767600060000}
            """u8;
        var state = AccountRiskStateCodec.Decode(v2);
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var f = decider.Features(state);

        Assert.Equal((RiskLevel.Suspended, 2L, 1_767_600_060_000L), (state.Level, state.Version, state.LevelHeldAtMs));
        Assert.Null(state.AccountId);
        Assert.Equal(("CNY", 3L, 15_006L, 1, 40), (f.Currency, f.BaselineCount, f.BaselineSpendMinor, f.OverdueBills, f.MaxDaysPastDue));
        Assert.Equal(new TransactionTotals(5, 0, 495, 0), f.Last10Minutes);
        Assert.Equal(0.75, f.Utilization);

        var coverage = new SyncCoverageTable();
        coverage.Update("ledger", T0);
        var paid = decider.Apply(state, new RepaymentEvent("r2", "a", 1_767_600_070_000, "ledger", "b1", 1_764_144_000_000, BillState.Paid, 40, 10_000, 10_000, null, null), coverage);
        Assert.NotNull(paid);
        Assert.Equal("a:3|Suspended|Restricted|60|REPAYMENT_RECEIVED,SMALL_TXN_PROBING|NotifyCustomer,RequireStepUpAuth,ReduceCreditLimit,OpenManualReview,RestoreCredit|r2",
            Account.Describe(paid));
        Assert.Equal(4, AccountRiskStateCodec.Encode(state)[0]);
    }

    [Fact]
    public void Version_1_state_still_decodes_and_its_all_time_average_is_dropped()
    {
        var v1 = """
            {"v":1,"streamTime":1767600000000,"loginFailures":[1767599990000],"devices":["dev-1"],
             "txns":[{"at":1767599000000,"amount":5000,"merchant":"m-1","approved":true}],
             "purchaseCount":12,"purchaseSum":60000,
             "bills":{"b1":{"occurredAtMs":1767600000000,"state":3,"daysPastDue":40,"dueDateMs":1764144000000,"amountDueMinor":10000,"amountPaidMinor":0}},
             "level":2,"version":3,"levelSince":1767590000000}
            """u8;
        var state = AccountRiskStateCodec.Decode(v1);
        Assert.Equal(RiskLevel.Restricted, state.Level);
        Assert.Equal(3, state.Version);
        Assert.Equal(1_767_590_000_000, state.LevelHeldAtMs);
        Assert.True(state.HasOverdueBills);
        Assert.Equal(new AccountRiskState.TxnSample(1_767_599_000_000, 5_000, Internal.StableHash.Of("m-1"), true, false, "CNY"), Assert.Single(state.RecentTransactions));
        Assert.Empty(state.DailySpend);
        Assert.Equal(4, AccountRiskStateCodec.Encode(state)[0]);
    }

    [Fact]
    public void A_version_2_state_with_more_detail_than_the_binary_format_keeps_is_folded_into_totals_on_decode()
    {
        // v2 kept up to 2,000 transactions in detail: 200 in the last 50 minutes, one every 15 s, 1,000 minor units each.
        var txns = string.Join(",", Enumerable.Range(0, 200).Select(i =>
            $"{{\"at\":{T0 - (i * 15_000L)},\"amount\":1000,\"merchant\":\"m-{i % 7}\",\"approved\":true,\"cash\":false}}"));
        var v2 = $"{{\"v\":2,\"streamTime\":{T0},\"txns\":[{txns}],\"level\":0,\"version\":0,\"levelSince\":0,\"levelHeld\":0}}";

        var state = AccountRiskStateCodec.Decode(System.Text.Encoding.UTF8.GetBytes(v2));

        Assert.Equal(64, state.RecentTransactions.Count);
        Assert.Equal(new TransactionTotals(200, 0, 200_000, 0), new AccountRiskDecider(RiskPolicy.Default).Features(state).LastHour);
        Assert.Equal(state.RecentTransactions.Count, AccountRiskStateCodec.Decode(AccountRiskStateCodec.Encode(state)).RecentTransactions.Count);
    }

    [Fact]
    public void Daily_totals_cash_advances_and_utilization_round_trip()
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var state = new AccountRiskState();
        var coverage = new SyncCoverageTable();
        for (var d = 10; d >= 0; d--)
        {
            decider.Apply(state, new TransactionEvent($"t{d}", "a", T0 - (d * 86_400_000L), 7_000, "m", true, d % 2 == 0, false, null, null, null, "CNY"), coverage);
        }

        decider.Apply(state, new RepaymentEvent("r", "a", T0, "ledger", "b", T0 + 1, BillState.Scheduled, 0, 10, 0, 91, 100), coverage);
        var copy = AccountRiskStateCodec.Decode(AccountRiskStateCodec.Encode(state));
        Assert.Equal(decider.Features(state), decider.Features(copy));
        Assert.Equal(state.DailySpend, copy.DailySpend);
        Assert.Equal(state.RecentTransactions, copy.RecentTransactions);
        Assert.Equal(AccountRiskStateCodec.Encode(state), AccountRiskStateCodec.Encode(copy));
    }

    private static AccountRiskState StateAfter(List<AccountEvent> events)
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var state = new AccountRiskState();
        var coverage = new SyncCoverageTable();
        coverage.Update("ledger", T0);
        foreach (var e in events)
        {
            decider.Apply(state, e, coverage);
        }

        return state;
    }

    private static List<AccountEvent> Scenario()
    {
        var id = 0;
        string Next() => $"e{++id}";
        var list = new List<AccountEvent> { new LoginEvent(Next(), "a", T0, true, "dev-1", false, "CN", Beijing) };
        for (var i = 0; i < 6; i++)
        {
            list.Add(new TransactionEvent(Next(), "a", T0 + ((i + 1) * 60_000), 5_000, $"m-{i}", true, false, false, "dev-1", "CN", Beijing, "CNY"));
        }

        var t = T0 + 3_600_000;
        for (var i = 0; i < 5; i++)
        {
            list.Add(new LoginEvent(Next(), "a", t += 10_000, false, "atk", false, "GB", London));
        }

        list.Add(new LoginEvent(Next(), "a", t += 60_000, true, "atk", false, "GB", London));
        for (var i = 0; i < 3; i++)
        {
            list.Add(new TransactionEvent(Next(), "a", t += 60_000, 60_000, $"x-{i}", true, false, false, "atk", "GB", London, "CNY"));
        }

        list.Add(new RepaymentEvent(Next(), "a", t, "ledger", "b1", T0 - (100L * 86_400_000), BillState.Overdue, 100, 10_000, 0, 10_000, 20_000));
        list.Add(new RepaymentEvent(Next(), "a", t + 1, "ledger", "b1", T0 - (100L * 86_400_000), BillState.Paid, 0, 10_000, 10_000, 0, 20_000));
        return list;
    }

    private static string Describe(LevelChange c) =>
        $"{c.ChangeId}|{c.PreviousLevel}|{c.Level}|{c.Score}|{string.Join(",", c.Reasons.Select(r => r.Code + string.Join(";", r.Evidence)))}|{string.Join(",", c.Actions)}|{c.TriggeringEventId}";
}
