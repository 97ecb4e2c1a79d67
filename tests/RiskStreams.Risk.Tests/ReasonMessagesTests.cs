using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Customer messages come from templates keyed by reason code, in the policy's locale; the evidence renders any other.</summary>
public sealed class ReasonMessagesTests
{
    private static readonly RiskPolicy Chinese = RiskPolicyLoader.Load(RiskPolicy.DefaultYaml.Replace("locale: en", "locale: zh-CN", StringComparison.Ordinal), "zh.yaml");

    [Fact]
    public void A_zh_CN_policy_carries_chinese_messages_on_changes()
    {
        Assert.Equal("zh-CN", Chinese.Locale);
        var a = new Account(Chinese);
        for (var i = 1; i <= 5; i++)
        {
            a.Login(T0 + (i * 10 * Second), success: false, "x", London);
        }

        var reason = Assert.Single(Assert.Single(a.Changes).Reasons);
        Assert.Equal("您的账户在 10 分钟 内出现了 5 次登录失败。", reason.Message);
        Assert.Equal("We saw 5 failed sign-in attempts on your account within 10 minutes.", ReasonMessages.Render(reason, "en"));
    }

    [Fact]
    public void Evidence_renders_every_reason_of_an_english_change_in_chinese()
    {
        var a = new Account();
        a.Coverage.Update("ledger", T0);
        a.Apply(new RepaymentEvent("u", "acct", T0, "ledger", "b3", T0 + Day, BillState.Scheduled, 0, 1, 0, 190_000, 200_000));
        a.Bill(T0, "b1", T0 - (35 * Day), BillState.Overdue, 35);
        a.Bill(T0, "b2", T0 - (96 * Day), BillState.Overdue, 96);
        var reasons = a.Changes[^1].Reasons;

        Assert.Equal(
        [
            "您的未还余额已达信用额度的 95%。",
            "您账户中有 2 笔账单已逾期，最早的一笔已逾期 96 天。",
        ], reasons.Select(r => ReasonMessages.Render(r, ReasonMessages.ChineseSimplified)));
        Assert.Equal(reasons.Select(r => r.Message), reasons.Select(r => ReasonMessages.Render(r, ReasonMessages.English)));
    }

    [Fact]
    public void Period_placeholders_follow_the_locale()
    {
        var evidence = new RiskReason(ReasonCodes.CashAdvanceSurge, "",
            [new("cashAdvanceMinor", "300000"), new("spendMinor", "320000"), new("cashAdvanceShare", "0.94"), new("windowMinutes", "1440")]);
        Assert.Equal("Cash withdrawals made up 94% of the use of your credit line in the last 24 hours.", ReasonMessages.Render(evidence, "en"));
        Assert.Equal("过去 24 小时，取现占您信用额度使用的 94%。", ReasonMessages.Render(evidence, "zh-CN"));
    }

    [Fact]
    public void The_new_device_message_variant_follows_its_evidence()
    {
        var without = new RiskReason(ReasonCodes.NewDevice, "", [new("deviceId", "d"), new("mfaExempts", "false")]);
        var with = new RiskReason(ReasonCodes.NewDevice, "", [new("deviceId", "d"), new("mfaExempts", "true")]);
        Assert.Equal("您的账户在一台我们从未见过的设备上登录。", ReasonMessages.Render(without, "zh-CN"));
        Assert.Equal("您的账户在一台我们从未见过的设备上登录，且未通过两步验证。", ReasonMessages.Render(with, "zh-CN"));
    }

    [Fact]
    public void A_policy_may_override_a_template()
    {
        var policy = RiskPolicyLoader.Load(
            "messages:\n  en:\n    LOGIN_FAILURES: \"{failedLogins} failed sign-ins in {windowMinutes:duration}. Call us if this was not you.\"\n" + RiskPolicy.DefaultYaml,
            "own.yaml");
        var a = new Account(policy);
        for (var i = 1; i <= 5; i++)
        {
            a.Login(T0 + (i * 10 * Second), success: false, "x", London);
        }

        Assert.Equal("5 failed sign-ins in 10 minutes. Call us if this was not you.", a.Changes[0].Reasons[0].Message);
    }

    [Fact]
    public void Unknown_locales_and_codes_are_policy_errors()
    {
        var errors = Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.Load(
            RiskPolicy.DefaultYaml.Replace("locale: en", "locale: fr\nmessages:\n  en:\n    NOT_A_CODE: x", StringComparison.Ordinal), "bad.yaml")).Errors;
        Assert.Equal(["locale", "messages.en.NOT_A_CODE"], errors.Select(e => e.Field));
        Assert.Equal("must be one of: en, zh-CN, was \"fr\"", errors[0].Message);
    }

    [Fact]
    public void Every_reason_a_change_carries_renders_in_every_locale_from_its_evidence()
    {
        var access = new Account();
        access.History();
        var t = T0;
        for (var i = 0; i < 5; i++)
        {
            access.Login(t += 10 * Second, success: false, "x", London);
        }

        access.Login(t += Minute, success: true, "dev-new", London);
        access.Txn(t += Minute, 120_000, "m-big", London, device: "dev-new");

        var usage = new Account();
        for (var i = 0; i < 16; i++)
        {
            usage.Txn(T0 + (i * 10 * Second), 99, $"probe-{i}", Beijing, approved: i % 2 == 0);
        }

        var velocity = new Account();
        for (var i = 0; i < 15; i++)
        {
            velocity.Txn(T0 + (i * 10 * Second), 5_000, "m-1", Beijing);
        }

        var cash = new Account();
        cash.Txn(T0, 300_000, "atm", Beijing, cash: true);
        Assert.Null(cash.Decider.StepDown(cash.State, cash.Decider.NextStepDownCheckMs(cash.State)!.Value, cash.Coverage)); // still in the 24 h window
        cash.Changes.Add(cash.Decider.StepDown(cash.State, T0 + Day + 1, cash.Coverage)!);

        var bills = new Account();
        bills.Coverage.Update("ledger", T0);
        bills.Bill(T0, "b1", T0 - (40 * Day), BillState.Overdue, 40, outstanding: 1_900_000, limit: 2_000_000);

        var sync = new Account();
        sync.Coverage.Update("ledger", T0 - Day);
        sync.Bill(T0, "b1", T0 - Day, BillState.Overdue, 1);
        sync.Bill(T0 + Minute, "b1", T0 - Day, BillState.Paid, 1);

        // Cross-account signals arrive on the events, joined on by the topology's entity branches.
        var crowd = new Account();
        var farm = new EntityWindowSummary("device:0123456789ab", 24 * Hour, 9, 9, true, 2, 0, 0, 0);
        var stuffing = new EntityWindowSummary("ip:0123456789ab", 10 * Minute, 40, 20, true, 38, 0, 0, 0);
        var testing = new EntityWindowSummary("merchant:0123456789ab", 10 * Minute, 30, 25, true, 0, 0, 30, 20);
        crowd.Apply(new LoginEvent("e-farm", "acct", T0, Success: true, "farm-phone", MfaUsed: false, null, null) { Entity = new EntityContext(Device: farm, Ip: stuffing) });
        crowd.Apply(new TransactionEvent("e-test", "acct", T0 + Second, 100, "shop", Approved: false, false, false, null, null, null, "CNY")
        {
            Entity = new EntityContext(Merchant: testing),
        });

        var reasons = new[] { access, usage, velocity, cash, bills, sync, crowd }.SelectMany(a => a.Changes).SelectMany(c => c.Reasons).ToList();
        var all = RiskPolicyLoader.RuleCodes.Concat([ReasonCodes.RepaymentSyncPending, ReasonCodes.RepaymentReceived, ReasonCodes.RiskCleared]);
        Assert.Equal(all.Order(StringComparer.Ordinal), reasons.Select(r => r.Code).Distinct().Order(StringComparer.Ordinal));
        foreach (var reason in reasons)
        {
            Assert.Equal(reason.Message, ReasonMessages.Render(reason, ReasonMessages.English));
            Assert.DoesNotContain('{', reason.Message);
            Assert.DoesNotContain('{', ReasonMessages.Render(reason, ReasonMessages.ChineseSimplified));
        }
    }

    [Fact]
    public void Every_reason_code_has_a_template_in_every_locale()
    {
        var codes = typeof(ReasonCodes).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal);
        Assert.Equal(codes, ReasonMessages.Codes.Order(StringComparer.Ordinal));
    }
}
