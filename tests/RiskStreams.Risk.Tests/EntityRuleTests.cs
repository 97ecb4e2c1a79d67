using RiskStreams.Risk.Rules;
using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>The cross-account rules on events carrying entity windows, their policy entries and the entity window's sketch.</summary>
public sealed class EntityRuleTests
{
    private static readonly EntityWindowSummary Farm = new("device:0123456789ab", 24 * Hour, 9, 9, true, 2, 0, 0, 0);

    [Fact]
    public void Default_policy_holds_the_documented_cross_account_rules()
    {
        var rules = RiskPolicy.Default.Rules;
        Assert.Equal(new DeviceSharedRule(true, 45, TimeSpan.FromHours(24), 5, true, TimeSpan.FromHours(24)), rules.Get<DeviceSharedRule>());
        Assert.Equal(new IpCredentialStuffingRule(true, 35, TimeSpan.FromMinutes(10), 10, 20, 0.5, TimeSpan.FromHours(1)), rules.Get<IpCredentialStuffingRule>());
        Assert.Equal(new MerchantCardTestingRule(true, 40, TimeSpan.FromMinutes(10), 200, 10, 8, 0.3, TimeSpan.FromHours(1)), rules.Get<MerchantCardTestingRule>());
    }

    [Fact]
    public void Out_of_range_cross_account_parameters_are_reported_with_their_position()
    {
        var yaml = RiskPolicy.DefaultYaml
            .Replace("distinctAccounts: 5    #", "distinctAccounts: 65   #", StringComparison.Ordinal)
            .Replace("failureRatio: 0.5", "failureRatio: 1.5", StringComparison.Ordinal);
        var errors = Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.Load(yaml, "test.yaml")).Errors;
        Assert.Equal(["rules.DEVICE_SHARED.distinctAccounts", "rules.IP_CREDENTIAL_STUFFING.failureRatio"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_shared_device_signal_keeps_counting_for_its_signal_window_then_the_account_steps_down()
    {
        var a = new Account();
        var raised = a.Apply(new LoginEvent("l-1", "acct", T0, Success: true, "farm-phone", MfaUsed: false, null, null) { Entity = new EntityContext(Device: Farm) });
        Assert.Equal((RiskLevel.Watch, 45), (raised!.Level, raised.Score));

        // A later event without the device still carries the signal within 24 h; after it (and the 2 h cooldown) the level falls.
        Assert.Null(a.Txn(T0 + (23 * Hour), 5_000, "grocer", Beijing));
        var cleared = a.Txn(T0 + (26 * Hour) + Minute, 5_000, "grocer", Beijing);
        Assert.Equal((RiskLevel.Normal, ReasonCodes.RiskCleared), (cleared!.Level, cleared.Reasons.Single().Code));
    }

    [Fact]
    public void A_merchant_signal_needs_the_accounts_own_payment_to_be_small()
    {
        var testing = new EntityWindowSummary("merchant:0123456789ab", 10 * Minute, 30, 25, true, 0, 0, 30, 20);
        var big = new Account();
        Assert.Null(big.Apply(new TransactionEvent("t-1", "acct", T0, 8_000, "shop", true, false, false, null, null, null, "CNY") { Entity = new EntityContext(Merchant: testing) }));
        var small = new Account();
        Assert.Equal(RiskLevel.Watch, small.Apply(new TransactionEvent("t-1", "acct", T0, 150, "shop", false, false, false, null, null, null, "CNY")
        {
            Entity = new EntityContext(Merchant: testing),
        })!.Level);
    }

    [Fact]
    public void Distinct_accounts_are_exact_up_to_the_cap_and_estimated_within_three_standard_errors_beyond()
    {
        var window = EntityWindow.Empty;
        for (var i = 0; i < EntityWindow.ExactDistinctCap; i++)
        {
            window = window.WithLogin($"acct-{i}", T0 + i, success: true, mfaUsed: false).WithLogin($"acct-{i}", T0 + i, success: false, mfaUsed: false);
        }

        Assert.Equal((64, false, 128, 64), (window.DistinctAccounts, window.Saturated, window.Events, window.FailedLogins));
        for (var i = EntityWindow.ExactDistinctCap; i < 20_000; i++)
        {
            window = window.WithLogin($"acct-{i}", T0 + i, success: true, mfaUsed: false);
        }

        Assert.True(window.Saturated);
        Assert.InRange(window.DistinctAccounts, 20_000 * (1 - (3 / Math.Sqrt(62))), 20_000 * (1 + (3 / Math.Sqrt(62))));
        Assert.False(window.Summarize("device:x", Hour).DistinctExact);
    }

    [Fact]
    public void Entity_window_round_trips_through_its_codec_and_refuses_a_truncated_one()
    {
        var window = EntityWindow.Empty;
        for (var i = 0; i < 100; i++)
        {
            window = window.WithTransaction($"acct-{i}", T0 + i, small: i % 3 == 0, declined: i % 2 == 0);
        }

        var bytes = EntityWindowCodec.Encode(window);
        var back = EntityWindowCodec.Decode(bytes);
        Assert.Equal(bytes, EntityWindowCodec.Encode(back));
        Assert.Equal(
            (window.LatestMs, window.Events, window.SmallTransactions, window.SmallDeclined, window.DistinctAccounts, window.Saturated),
            (back.LatestMs, back.Events, back.SmallTransactions, back.SmallDeclined, back.DistinctAccounts, back.Saturated));
        Assert.Throws<FormatException>(() => EntityWindowCodec.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void An_account_state_with_entity_signals_round_trips_and_one_without_keeps_its_bytes()
    {
        var a = new Account();
        a.Txn(T0, 5_000, "grocer", Beijing);
        var without = AccountRiskStateCodec.Encode(a.State);
        a.Apply(new LoginEvent("l-1", "acct", T0 + Second, Success: true, "farm-phone", MfaUsed: false, null, null) { Entity = new EntityContext(Device: Farm) });
        var with = AccountRiskStateCodec.Encode(a.State);
        Assert.Equal(with, AccountRiskStateCodec.Encode(AccountRiskStateCodec.Decode(with)));
        Assert.True(with.Length > without.Length);
        Assert.Throws<FormatException>(() => AccountRiskStateCodec.Decode(with.AsSpan(0, with.Length - 1)));
    }
}
