using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.MerchantCardTesting"/>: the account made a small transaction at a merchant that received many small
/// transactions from many distinct accounts within the window, a good share of them declined (card testing at that merchant:
/// the account's card details are probably in the tester's hands). A busy merchant of small approved purchases (a coffee
/// kiosk) does not count, nor does a normal-sized purchase at an attacked merchant.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of the merchant aggregate (fixed when the topology starts).</param>
/// <param name="MaxAmountMinor">A transaction at or below this amount (minor units of its currency) is small.</param>
/// <param name="SmallTransactions">Small transactions at the merchant in the window needed.</param>
/// <param name="DistinctAccounts">Distinct accounts making small payments at the merchant in the window needed.</param>
/// <param name="DeclineRatio">Declined / all small transactions at the merchant in the window needed.</param>
/// <param name="SignalWindow">How long after the transaction the signal keeps counting.</param>
public sealed record MerchantCardTestingRule(
    bool Enabled, int Weight, TimeSpan Window, CurrencyAmount MaxAmountMinor, int SmallTransactions, int DistinctAccounts, double DeclineRatio,
    TimeSpan SignalWindow)
    : RiskRule(Enabled), IEntityRule
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.MerchantCardTesting, 130,
        [.. RuleParameters.Common, "window", "maxAmountMinor", "smallTransactions", "distinctAccounts", "declineRatio", "signalWindow"],
        m => new MerchantCardTestingRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Amount("maxAmountMinor", 1, long.MaxValue),
            m.Int("smallTransactions", 1, 1_000_000), m.Int("distinctAccounts", 2, EntityWindow.ExactDistinctCap), m.Number("declineRatio", 0, 1),
            RuleParameters.SignalWindow(m)),
        new MerchantCardTestingRule(false, 40, TimeSpan.FromMinutes(10), 200, 10, 8, 0.3, TimeSpan.FromHours(1)),
        [new(ReasonCodes.MerchantCardTesting,
            "Your card made a very small payment at a merchant that received many very small payments from many different cards within {windowMinutes:duration}, a pattern used to test stolen card details.",
            "您的卡在一家商户发生了一笔极小额支付，该商户在 {windowMinutes:duration} 内收到了来自大量不同卡片的多笔极小额支付，这是测试被盗银行卡信息的常见手法。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.MerchantCardTesting;

    /// <summary>Whether a transaction of <paramref name="amountMinor"/> in <paramref name="currency"/> counts as small.</summary>
    public bool IsSmall(long amountMinor, string currency) => amountMinor <= MaxAmountMinor.For(currency);

    /// <summary>
    /// Whether the rule looks at <paramref name="t"/>: a small payment (not a refund). Only these reach the merchant aggregate,
    /// so its counts — distinct accounts included — are of small payments.
    /// </summary>
    public bool Concerns(TransactionEvent t) => !t.Refund && IsSmall(t.AmountMinor, t.Currency);

    /// <inheritdoc />
    EntityWindowSummary? IEntityRule.Qualifying(AccountEvent e) =>
        e is TransactionEvent { Entity.Merchant: { } w } t && Concerns(t)
            && w.SmallTransactions >= SmallTransactions && w.DistinctAccounts >= DistinctAccounts
            && (double)w.SmallDeclined / w.SmallTransactions >= DeclineRatio
            ? w
            : null;

    internal override void Evaluate(RuleContext context)
    {
        if (EntitySignalUpdater.Active(context.State, Code, SignalWindow) is { } signal)
        {
            var w = signal.Window;
            context.Fire(Weight, Code, EntitySignalUpdater.Evidence(signal, ("threshold", I(DistinctAccounts)), ("smallTransactions", I(w.SmallTransactions)),
                ("smallTransactionsThreshold", I(SmallTransactions)), ("declineRatio", Ratio(w.SmallTransactions == 0 ? 0 : (double)w.SmallDeclined / w.SmallTransactions)),
                ("maxAmountMinor", MaxAmountMinor.ToString())));
        }
    }
}
