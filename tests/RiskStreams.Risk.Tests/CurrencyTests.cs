using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Spend is judged per currency against thresholds of that currency; amounts of different currencies are never summed.</summary>
public sealed class CurrencyTests
{
    private static readonly RiskPolicy JpyFloor = RiskPolicyLoader.Load(
        RiskPolicy.DefaultYaml.Replace("floorMinor: 100_000 ", "floorMinor: { default: 100_000, JPY: 1_500_000 } ", StringComparison.Ordinal), "jpy.yaml");

    [Fact]
    public void Spend_in_two_currencies_is_not_summed_into_a_spike()
    {
        var a = new Account();
        a.History();
        a.Txn(T0, 60_000, "m-1", Beijing);
        a.Txn(T0 + Minute, 90_000, "m-2", Beijing, currency: "USD");

        // Summed, 150,000 would pass the 100,000 floor and 8 x the 5,000 average; per currency neither does, and USD has no baseline.
        Assert.Empty(a.Changes);
        var f = a.Features;
        Assert.Equal("USD", f.Currency);
        Assert.Equal(new TransactionTotals(2, 0, 90_000, 0), f.LastHour);
        Assert.Equal(
        [
            new CurrencyFeatures("CNY", new(1, 0, 60_000, 0), new(1, 0, 60_000, 0), new(3, 0, 70_000, 0), 40, 200_000),
            new CurrencyFeatures("USD", new(1, 0, 90_000, 0), new(1, 0, 90_000, 0), new(1, 0, 90_000, 0), 0, 0),
        ], f.ByCurrency);
    }

    [Fact]
    public void A_spike_in_one_currency_fires_with_that_currency_as_evidence()
    {
        var a = new Account();
        a.History();
        a.Txn(T0, 1_000, "m-1", Beijing, currency: "USD");
        var change = a.Txn(T0 + Minute, 120_000, "m-2", Beijing);

        Assert.NotNull(change);
        Assert.Equal("acct:1|Normal|Watch|35|SPEND_SPIKE|RequireStepUpAuth|e43", Describe(change));
        Assert.Equal(
        [
            new("windowSpendMinor", "120000"), new("averagePurchaseMinor", "5000"), new("multiple", "8"), new("floorMinor", "100000"),
            new("baselineTransactions", "40"), new("baselineDays", "30"), new("windowMinutes", "60"), new("currency", "CNY"),
        ], change.Reasons[0].Evidence);
    }

    [Fact]
    public void Policy_thresholds_apply_per_currency_with_a_default()
    {
        Assert.Equal(new CurrencyAmount(100_000, new Dictionary<string, long> { ["JPY"] = 1_500_000 }), JpyFloor.Rules.SpendSpike.FloorMinor);

        var yen = new Account(JpyFloor);
        var yuan = new Account(JpyFloor);
        foreach (var (account, currency) in new[] { (yen, "JPY"), (yuan, "CNY") })
        {
            for (var d = 1; d <= 5; d++)
            {
                account.Txn(T0 - (d * Day), 50_000, $"m-{d}", Beijing, currency: currency);
            }

            account.Txn(T0, 1_000_000, "m-big", Beijing, currency: currency);
        }

        // 1,000,000 is more than 8 x the 50,000 average in both; only the yuan spend reaches its floor.
        Assert.Empty(yen.Changes);
        Assert.Equal(ReasonCodes.SpendSpike, Assert.Single(Assert.Single(yuan.Changes).Reasons).Code);
    }

    [Fact]
    public void Card_testing_judges_small_by_the_transactions_currency()
    {
        var policy = RiskPolicyLoader.Load(
            RiskPolicy.DefaultYaml.Replace("maxAmountMinor: 200 ", "maxAmountMinor: { default: 200, JPY: 300 } ", StringComparison.Ordinal), "p.yaml");
        var a = new Account(policy);
        for (var i = 1; i <= 5; i++)
        {
            a.Txn(T0 + (i * 10 * Second), 250, $"probe-{i}", Beijing, currency: i % 2 == 0 ? "JPY" : "CNY");
        }

        // 250 is small in JPY only: two probes, below the five distinct merchants.
        Assert.Empty(a.Changes);
        for (var i = 6; i <= 8; i++)
        {
            a.Txn(T0 + (i * 10 * Second), 250, $"probe-{i}", Beijing, currency: "JPY");
        }

        Assert.Equal(RiskLevel.Restricted, a.State.Level);
        Assert.Equal("5", Evidence(a.Changes[^1].Reasons[0], "distinctMerchants"));
    }

    [Fact]
    public void A_per_currency_key_that_is_not_a_currency_code_is_a_policy_error()
    {
        var yaml = RiskPolicy.DefaultYaml.Replace("floorMinor: 100_000 ", "floorMinor: { default: 100_000, euro: 5 } ", StringComparison.Ordinal);
        var error = Assert.Single(Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.Load(yaml, "p.yaml")).Errors);
        Assert.Equal("rules.SPEND_SPIKE.floorMinor.euro", error.Field);
        Assert.Equal("keys are default or a three-letter ISO-4217 currency code such as EUR, was \"euro\"", error.Message);
    }

    [Fact]
    public void Beyond_eight_currencies_the_least_recently_used_is_forgotten()
    {
        var a = new Account();
        var codes = new[] { "AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG", "HHH", "III" };
        for (var i = 0; i < codes.Length; i++)
        {
            a.Txn(T0 + (i * Minute), 1_000, $"m-{i}", Beijing, currency: codes[i]);
        }

        Assert.Equal(codes[1..], a.Features.ByCurrency.Select(c => c.Currency));
        Assert.Equal(8, a.Features.Last10Minutes.Count);
    }
}
