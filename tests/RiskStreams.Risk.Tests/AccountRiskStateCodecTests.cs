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

        Assert.Equal(["a:1|Normal|Watch", "a:2|Watch|Restricted", "a:3|Restricted|Suspended"], expected.Select(e => string.Join("|", e.Split("|")[..3])));
        Assert.Equal(expected, actual);
        Assert.Equal(AccountRiskStateCodec.Encode(live), stored);
    }

    [Fact]
    public void Decoding_bytes_that_are_not_state_fails_with_format_exception()
    {
        Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("not json"u8));
        var error = Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode("{\"v\":9}"u8));
        Assert.Equal("Account state format v9 is not supported (expected v1).", error.Message);
    }

    private static List<AccountEvent> Scenario()
    {
        var id = 0;
        string Next() => $"e{++id}";
        var list = new List<AccountEvent> { new LoginEvent(Next(), "a", T0, true, "dev-1", false, "CN", Beijing) };
        for (var i = 0; i < 6; i++)
        {
            list.Add(new TransactionEvent(Next(), "a", T0 + ((i + 1) * 60_000), 5_000, $"m-{i}", true, false, false, "dev-1", "CN", Beijing));
        }

        var t = T0 + 3_600_000;
        for (var i = 0; i < 5; i++)
        {
            list.Add(new LoginEvent(Next(), "a", t += 10_000, false, "atk", false, "GB", London));
        }

        list.Add(new LoginEvent(Next(), "a", t += 60_000, true, "atk", false, "GB", London));
        for (var i = 0; i < 3; i++)
        {
            list.Add(new TransactionEvent(Next(), "a", t += 60_000, 60_000, $"x-{i}", true, false, false, "atk", "GB", London));
        }

        list.Add(new RepaymentEvent(Next(), "a", t, "ledger", "b1", T0 - (100L * 86_400_000), BillState.Overdue, 100, 10_000, 0, 10_000, 20_000));
        list.Add(new RepaymentEvent(Next(), "a", t + 1, "ledger", "b1", T0 - (100L * 86_400_000), BillState.Paid, 0, 10_000, 10_000, 0, 20_000));
        return list;
    }

    private static string Describe(LevelChange c) =>
        $"{c.ChangeId}|{c.PreviousLevel}|{c.Level}|{c.Score}|{string.Join(",", c.Reasons.Select(r => r.Code + string.Join(";", r.Evidence)))}|{string.Join(",", c.Actions)}|{c.TriggeringEventId}";
}
