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
        Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("not json"u8));
        var error = Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("{\"v\":9}"u8));
        Assert.Equal("Account state format v9 is not supported (expected v1 or v2).", error.Message);
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
        Assert.Equal(new AccountRiskState.TxnSample(1_767_599_000_000, 5_000, "m-1", true, false), Assert.Single(state.RecentTransactions));
        Assert.Empty(state.DailySpend);
        Assert.Contains("\"v\":2", System.Text.Encoding.UTF8.GetString(AccountRiskStateCodec.Encode(state)), StringComparison.Ordinal);
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
