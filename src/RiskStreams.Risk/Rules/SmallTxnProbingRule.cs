using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.SmallTxnProbing"/>: tiny transactions at many distinct merchants (card testing), among the latest transactions held in detail.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window for the pattern.</param>
/// <param name="MaxAmountMinor">A transaction at or below this amount (minor units of its currency) is small.</param>
/// <param name="DistinctMerchants">Distinct merchants with a small transaction in the window that fire the rule.</param>
public sealed record SmallTxnProbingRule(bool Enabled, int Weight, TimeSpan Window, CurrencyAmount MaxAmountMinor, int DistinctMerchants) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.SmallTxnProbing, 60, [.. RuleParameters.Common, "window", "maxAmountMinor", "distinctMerchants"],
        m => new SmallTxnProbingRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Amount("maxAmountMinor", 1, long.MaxValue),
            m.Int("distinctMerchants", 1, StateLimits.MaxTransactions)),
        new SmallTxnProbingRule(false, 60, TimeSpan.FromMinutes(10), 200, 5),
        [new(ReasonCodes.SmallTxnProbing,
            "Several very small payments were made at different merchants within {windowMinutes:duration}, a pattern used to test stolen card details.",
            "{windowMinutes:duration} 内在多个不同商户发生了多笔极小额支付，这是测试被盗银行卡信息的常见手法。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.SmallTxnProbing;

    internal override void Evaluate(RuleContext context)
    {
        var merchants = TransactionWindow.DistinctSmallMerchants(context.State, Window, MaxAmountMinor);
        if (merchants >= DistinctMerchants)
        {
            context.Fire(Weight, Code, ("distinctMerchants", I(merchants)), ("threshold", I(DistinctMerchants)),
                ("maxAmountMinor", MaxAmountMinor.ToString()), ("windowMinutes", Minutes(Window)));
        }
    }
}
