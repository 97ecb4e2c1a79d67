using RiskStreams.Avro.Contracts;
using RiskPolicy = RiskStreams.Risk.RiskPolicy;
using static RiskStreams.Topology.Tests.BacktestInput;

namespace RiskStreams.Topology.Tests;

public sealed class BacktestCompareTests
{
    [Fact]
    public void Disabling_small_txn_probing_disagrees_exactly_on_the_card_testing_account()
    {
        using var changes = new StringWriter();
        var comparison = RiskBacktest.Compare(File.OpenText(RiskBacktestTests.SamplePath), changes, RiskPolicy.Default, TestPolicies.WithoutProbing);

        var d = Assert.Single(comparison.Disagreements);
        // The restriction steps down by its timer once its 12 h cooldown has passed in stream time, so both end at NORMAL.
        Assert.Equal(("acct-cardtest", RiskLevel.NORMAL, RiskLevel.NORMAL, false), (d.AccountId, d.FinalLevel, d.OtherFinalLevel, d.FinalLevelDiffers));
        Assert.Equal(
            ["v1 NORMAL -> RESTRICTED at card-probe-5 [SMALL_TXN_PROBING]", "v2 RESTRICTED -> NORMAL at step-down@1767643650000 [RISK_CLEARED]"],
            d.Differences.Select(x => x.Change?.ToString()));
        Assert.All(d.Differences, x => Assert.Null(x.OtherChange));
        Assert.Equal((6L, 0, 9L, 7L), (comparison.AccountsCompared, comparison.FinalLevelDisagreements, comparison.Summary.Changes, comparison.OtherSummary.Changes));
        Assert.Equal(("default-2026.01", "no-probing-1"), (comparison.Summary.PolicyVersion, comparison.OtherSummary.PolicyVersion));

        // The changes written are the first policy's, as in a plain run.
        using var plain = new StringWriter();
        RiskBacktest.Run(File.OpenText(RiskBacktestTests.SamplePath), plain, RiskPolicy.Default);
        Assert.Equal(plain.ToString(), changes.ToString());
    }

    [Fact]
    public void A_change_reached_at_another_version_lists_every_version_after_the_split()
    {
        // Probing alone restricts the account; with probing disabled, the later login failures raise it only to WATCH.
        var input = new BacktestInput();
        for (var i = 1; i <= 5; i++)
        {
            input.Txn("mixed-1", T0 + (i * 30 * Second), 99, $"probe-merchant-{i}", $"probe-{i}");
        }

        for (var i = 1; i <= 5; i++)
        {
            input.Login("mixed-1", T0 + (3 * Minute) + (i * 10 * Second), success: false, "dev-9", $"fail-{i}");
        }

        input.Txn("steady-1", T0, 5_000, "m", "steady");

        using var changes = new StringWriter();
        var comparison = RiskBacktest.Compare(new StringReader(input.ToString()), changes, RiskPolicy.Default, TestPolicies.WithoutProbing);
        using var text = new StringWriter();
        comparison.WriteTo(text);

        Assert.Equal(
            "compare: policy default-2026.01 vs no-probing-1: 2 accounts, 1 disagree (1 with a different final level); 2 vs 1 level changes\n"
            + "compare: account mixed-1: final SUSPENDED vs WATCH\n"
            + "compare:   v1: NORMAL -> RESTRICTED at probe-5 [SMALL_TXN_PROBING] | NORMAL -> WATCH at fail-5 [LOGIN_FAILURES]\n"
            + "compare:   v2: RESTRICTED -> SUSPENDED at fail-5 [LOGIN_FAILURES,SMALL_TXN_PROBING] | (no change)\n",
            text.ToString());
    }
}
