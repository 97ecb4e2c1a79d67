namespace RiskStreams.Risk.Tests;

/// <summary>The v4 state format (reviews, change history, last reasons) and states written by the release before it (v3).</summary>
public sealed class ReviewStateCodecTests
{
    /// <summary>
    /// Written by the v3 codec (commit 86757c9) for account acc-v3: a login, ten daily 5,000 purchases, then twelve 90,000
    /// purchases a minute apart from 2026-01-05T08:00Z, which raised it to WATCH (SPEND_SPIKE, score 35, version 1).
    /// </summary>
    private const string Version3State =
        "03C0F8ACD3F16601066163632D76330102809F49000C68C091C2F175EFBAC0C850E3699AC2F1A7F9BA809F49BA8697C2F141F6BAC0F5413530A0C2F17300BB80CC3A0C4D9DC2F10DFDBAC0A23387F6A5C2F13F07BB80F92B5E13A3C2F1D903BBC0CF24498A7DC2F1ABD7BA80A61D20A77AC2F145D4BAC0FC1542C52619FA475A5B80D30E6BA82919FAAD5D5BC0A907F0FE2019FA7B535B000001056465762D31010088855AD3BCF34340FC1873D7121A5D400102434E0000000103434E590CC0C850A0FE0ACA39B767A3E7142D0100809F49A0FE0A7873B167A31B0E2D0100C0F541A0FE0AA156B467A381112D010080CC3AA0FE0ACA39B767A3E7142D0100C0A233A0FE0A7873B167A31B0E2D010080F92BA0FE0AA156B467A381112D0100C0CF24A0FE0ACA39B767A3E7142D010080A61DA0FE0A7873B167A31B0E2D0100C0FC15A0FE0AA156B467A381112D010080D30EA0FE0ACA39B767A3E7142D0100C0A907A0FE0A7873B167A31B0E2D010000A0FE0AA156B467A381112D010000000A140002904E120002904E100002904E0E0002904E0C0002904E0A0002904E080002904E060002904E040002904E020002904E00";

    private const long T0 = 1_767_600_000_000;

    [Fact]
    public void A_version_3_state_written_by_the_previous_release_decodes_and_takes_reviews()
    {
        var state = AccountRiskStateCodec.Decode(Convert.FromHexString(Version3State));
        Assert.Equal(("acc-v3", RiskLevel.Watch, 1L), (state.AccountId, state.Level, state.Version));
        Assert.Equal(T0 + (11 * 60_000), state.ClockMs);
        Assert.Empty(state.RecentChanges);
        Assert.Empty(state.Reviews);
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        Assert.Equal(12, decider.Features(state).LastHour.Count);

        var change = decider.Apply(state, new ReviewEvent("rev-1", "acc-v3", T0 + (20 * 60_000), "staff-1", ReviewKind.Appeal, ReviewOutcome.Clear,
            null, null, [], null), new SyncCoverageTable());
        Assert.NotNull(change);
        Assert.Equal((2L, RiskLevel.Watch, RiskLevel.Normal), (change.Version, change.PreviousLevel, change.Level));
        Assert.Equal("SPEND_SPIKE", change.Reasons[0].Evidence.Single(e => e.Key == "suppressedReasons").Value);

        var bytes = AccountRiskStateCodec.Encode(state);
        Assert.Equal(4, bytes[0]);
        var copy = AccountRiskStateCodec.Decode(bytes);
        Assert.Equal(bytes, AccountRiskStateCodec.Encode(copy));
        Assert.Equal(state.RecentChanges, copy.RecentChanges);
        Assert.Equal(state.Reviews, copy.Reviews);
        Assert.Equal(state.LastReasons, copy.LastReasons);
        Assert.Equal(state.LastActions, copy.LastActions);
        Assert.Equal(state.LastScore, copy.LastScore);
    }

    [Fact]
    public void The_change_history_keeps_the_latest_twenty_changes()
    {
        var account = new Account(accountId: "acc");
        var at = Account.T0;
        for (var i = 0; i < 15; i++)
        {
            account.Apply(new ReviewEvent($"o{i}", "acc", at + (i * Account.Hour), "staff-1", ReviewKind.ManualReview, ReviewOutcome.Override,
                i % 2 == 0 ? RiskLevel.Suspended : RiskLevel.Watch, null, [], null));
            account.Apply(new ReviewEvent($"c{i}", "acc", at + (i * Account.Hour) + Account.Minute, "staff-1", ReviewKind.Appeal, ReviewOutcome.Clear,
                null, null, [], null));
        }

        Assert.Equal(30, account.Changes.Count);
        var history = account.State.RecentChanges;
        Assert.Equal(Enumerable.Range(11, 20).Select(v => (long)v), history.Select(c => c.Version));
        Assert.Equal(["o14", "c14"], history.TakeLast(2).Select(c => c.ReviewId));
        var copy = AccountRiskStateCodec.Decode(AccountRiskStateCodec.Encode(account.State));
        Assert.Equal(history, copy.RecentChanges);
    }
}
