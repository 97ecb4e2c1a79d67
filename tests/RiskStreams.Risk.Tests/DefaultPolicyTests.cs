namespace RiskStreams.Risk.Tests;

/// <summary>The shipped default policy file: loads, matches the documented values, and ships beside the binaries.</summary>
public sealed class DefaultPolicyTests
{
    [Fact]
    public void Default_policy_loads_from_the_embedded_file_with_its_documented_values()
    {
        var p = RiskPolicy.Default;
        Assert.Equal("default-2026.01", p.Version);
        Assert.Equal(RiskPolicy.DefaultSourceName, p.Source);
        Assert.Equal(new LevelThresholds(30, 60, 85), p.Levels);
        Assert.Equal(new LevelCooldowns(TimeSpan.FromHours(2), TimeSpan.FromHours(12), TimeSpan.FromHours(48)), p.Cooldowns);
        Assert.Equal(TimeSpan.FromHours(24), p.SyncGrace);
        Assert.Equal(13, p.Rules.EnabledCount);
        Assert.Equal(RiskPolicyLoader.RuleCodes, p.Rules.All.Select(r => r.Code));
        Assert.Equal(new Rules.LoginFailuresRule(true, 30, TimeSpan.FromMinutes(10), 5), p.Rules.LoginFailures);
        Assert.Equal(new Rules.NewDeviceRule(true, 15, true, TimeSpan.FromHours(1), 8), p.Rules.NewDevice);
        Assert.Equal(new Rules.ImpossibleTravelRule(true, 25, 900, 500, TimeSpan.FromHours(1)), p.Rules.ImpossibleTravel);
        Assert.Equal(new Rules.SpendSpikeRule(true, 35, TimeSpan.FromHours(1), 8, 100_000, TimeSpan.FromDays(30), 5), p.Rules.SpendSpike);
        Assert.Equal(new Rules.TxnVelocityRule(true, 30, TimeSpan.FromMinutes(10), 15), p.Rules.TxnVelocity);
        Assert.Equal(new Rules.SmallTxnProbingRule(true, 60, TimeSpan.FromMinutes(10), 200, 5), p.Rules.SmallTxnProbing);
        Assert.Equal(new Rules.HighDeclineRateRule(true, 25, TimeSpan.FromHours(1), 6, 0.5), p.Rules.HighDeclineRate);
        Assert.Equal(new Rules.CashAdvanceSurgeRule(true, 30, TimeSpan.FromHours(24), 0.6, 200_000), p.Rules.CashAdvanceSurge);
        Assert.Equal(new Rules.HighUtilizationRule(true, 15, 0.9), p.Rules.HighUtilization);
        Assert.Equal([new(1, 30), new(30, 60), new(90, 90)], p.Rules.RepaymentOverdue.Bands);
        Assert.Equal(3, p.Rules.RepaymentOverdue.BillsForSuspension);
    }

    [Fact]
    public void Default_policy_file_is_copied_beside_the_binaries_and_equals_the_embedded_one()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Policies", "default-policy.yaml");
        Assert.True(File.Exists(path), path);
        Assert.Equal(RiskPolicy.DefaultYaml, File.ReadAllText(path));
        Assert.Equal(RiskPolicy.Default with { Source = path }, RiskPolicyLoader.LoadFile(path));
    }

    [Fact]
    public void Every_rule_of_the_default_file_is_documented_by_a_comment()
    {
        var lines = RiskPolicy.DefaultYaml.Split('\n');
        foreach (var code in RiskPolicyLoader.RuleCodes)
        {
            var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(code + ":", StringComparison.Ordinal));
            Assert.True(at > 0, code);
            Assert.StartsWith("#", lines[at - 1].TrimStart(), StringComparison.Ordinal);
        }
    }
}
