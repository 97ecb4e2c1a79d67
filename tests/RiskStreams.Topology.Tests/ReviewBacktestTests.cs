using static RiskStreams.Topology.Tests.BacktestInput;

namespace RiskStreams.Topology.Tests;

/// <summary>The backtest reads a "reviews" stream and decides it like the live topology.</summary>
public sealed class ReviewBacktestTests
{
    private static BacktestInput Probing(BacktestInput input, string account, long from, string prefix)
    {
        for (var i = 0; i < 5; i++)
        {
            input.Txn(account, from + (i * 30 * Second), 99, $"{prefix}-m-{i}", $"{prefix}-{i}");
        }

        return input;
    }

    [Fact]
    public void Backtest_input_with_a_reviews_stream_clears_the_account_and_the_cleared_signal_does_not_restrict_it_again()
    {
        var input = Probing(new BacktestInput().Heartbeat("ledger-main", T0, T0), "card-1", T0, "probe")
            .Review("card-1", T0 + (10 * Minute), "rev-1", "CLEAR", suppress: ["SMALL_TXN_PROBING"]);
        Probing(input, "card-1", T0 + (20 * Minute), "again").Txn("other", T0 + Hour, 5_000, "m", "t-other");
        var (summary, changes) = input.Run();
        Assert.Empty(summary.Rejected);
        Assert.Equal(["card-1|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|probe-4", "card-1|2|RESTRICTED|NORMAL|REVIEW_CLEARED|rev-1"],
            RiskBacktestTests.Describe(changes));
    }

    [Fact]
    public void A_review_line_with_an_unknown_outcome_or_a_wrong_suppress_list_is_rejected_naming_the_field()
    {
        var (summary, _) = new BacktestInput()
            .Raw("""{"stream": "reviews", "event": {"reviewId": "r-1", "accountId": "a", "decidedAt": 1767600000000, "reviewer": "s", "kind": "APPEAL", "outcome": "MAYBE"}}""")
            .Raw("""{"stream": "reviews", "event": {"reviewId": "r-2", "accountId": "a", "decidedAt": 1767600000000, "reviewer": "s", "kind": "APPEAL", "outcome": "CLEAR", "suppressReasons": "SPEND_SPIKE"}}""")
            .Review("a", T0, "r-3", "OVERRIDE")
            .Run();
        Assert.Equal([
            new BacktestRejection(1, "reviews event: field 'outcome' must be one of CLEAR, UPHOLD, OVERRIDE, was \"MAYBE\""),
            new BacktestRejection(2, "reviews event: field 'suppressReasons' must be an array of strings, was \"SPEND_SPIKE\""),
            new BacktestRejection(3, "rejected by the topology: reviews event r-3: field level breaks rule required: an OVERRIDE needs the level it sets"),
        ], summary.Rejected);
    }
}
