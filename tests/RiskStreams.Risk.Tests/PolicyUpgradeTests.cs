using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>A policy file written before a rule existed still loads: the rule is disabled with a warning.</summary>
public sealed class PolicyUpgradeTests
{
    [Fact]
    public void A_policy_missing_a_rule_loads_with_the_rule_disabled_and_a_warning()
    {
        var yaml = RiskPolicy.DefaultYaml;
        var start = yaml.IndexOf("  # Cash advances making up", StringComparison.Ordinal);
        var end = yaml.IndexOf("  # Outstanding balance close to", StringComparison.Ordinal);
        var policy = RiskPolicyLoader.Load(yaml[..start] + yaml[end..], "older.yaml");

        Assert.Equal([new PolicyWarning("rules.CASH_ADVANCE_SURGE",
            "is not in this policy file (written before the rule existed): the rule is disabled; list it to enable it")], policy.Warnings);
        Assert.False(policy.Rules.CashAdvanceSurge.Enabled);
        Assert.Equal(12, policy.Rules.EnabledCount);
        Assert.Equal(RiskPolicyLoader.RuleCodes, policy.Rules.All.Select(r => r.Code));

        var a = new Account(policy);
        a.Txn(T0, 300_000, "atm", Beijing, cash: true);
        Assert.Empty(a.Changes);
    }

    [Fact]
    public void The_default_policy_loads_without_warnings() => Assert.Empty(RiskPolicy.Default.Warnings);
}
