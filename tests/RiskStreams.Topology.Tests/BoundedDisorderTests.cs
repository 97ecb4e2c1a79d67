using RiskStreams.Risk;

namespace RiskStreams.Topology.Tests;

/// <summary>
/// Bounded disorder: per account, neighbouring events less than 5 s apart swap arrival slots, and each account's
/// final level must match the ordered run's. Only what holds is tested here. Two rules are decided by arrival
/// order and do break it (see the issue 5 report): HIGH_DECLINE_RATE, a ratio judged at every arrival whose
/// momentary peak the non-falling level keeps, and NEW_DEVICE's MFA exemption, where the first sign-in to arrive
/// on a device decides whether it is "new".
/// </summary>
public sealed class BoundedDisorderTests
{
    private const int Shuffles = 3;

    [Fact]
    public void The_issue_behaviours_keep_their_final_levels_under_bounded_disorder()
    {
        var moved = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            moved += AssertSameFinalLevels(DisorderScenario.Behaviours(seed), RiskPolicy.Default, seed);
        }

        Assert.True(moved > 200, $"only {moved} lines moved: the shuffle did not exercise the scenarios");
    }

    [Fact]
    public void Random_accounts_keep_their_final_levels_under_bounded_disorder_without_the_two_arrival_order_rules()
    {
        var policy = RiskPolicyLoader.Load(
            TestPolicies.Edit(
                TestPolicies.Edit(RiskPolicy.DefaultYaml, "HIGH_DECLINE_RATE:\n    enabled: true", "HIGH_DECLINE_RATE:\n    enabled: false"),
                "NEW_DEVICE:\n    enabled: true", "NEW_DEVICE:\n    enabled: false"),
            "no-arrival-order-rules.yaml");
        var moved = 0;
        var raised = 0;
        for (var seed = 0; seed < 30; seed++)
        {
            var input = DisorderScenario.Noise(seed, accounts: 20);
            raised += DisorderScenario.FinalLevels(input, input.Run(policy).Changes).Values.Count(l => l != "NORMAL");
            moved += AssertSameFinalLevels(input, policy, seed);
        }

        Assert.True(moved > 1_000, $"only {moved} lines moved: the shuffle did not exercise the accounts");
        Assert.InRange(raised, 30, 570); // neither all quiet nor all saturated, or equal levels would prove nothing
    }

    /// <returns>The number of lines the shuffles moved.</returns>
    private static int AssertSameFinalLevels(BacktestInput input, RiskPolicy policy, int seed)
    {
        var expected = DisorderScenario.FinalLevels(input, input.Run(policy).Changes);
        var moved = 0;
        for (var s = 0; s < Shuffles; s++)
        {
            var shuffled = DisorderScenario.Shuffled(input, (seed * 100) + s);
            moved += input.Lines.Where((line, i) => shuffled.Lines[i] != line).Count();
            var actual = DisorderScenario.FinalLevels(shuffled, shuffled.Run(policy).Changes);
            Assert.True(expected.SequenceEqual(actual),
                $"seed {seed}, shuffle {s}: {string.Join(", ", expected.Where(e => actual[e.Key] != e.Value).Select(e => $"{e.Key} {e.Value} -> {actual[e.Key]}"))}");
        }

        return moved;
    }
}
