using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.HighDeclineRate"/>: a high share of declined transaction attempts (every currency).</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of attempts.</param>
/// <param name="MinTransactions">Attempts needed in the window before the ratio is judged.</param>
/// <param name="Ratio">Fires when declined / attempts reaches this.</param>
public sealed record HighDeclineRateRule(bool Enabled, int Weight, TimeSpan Window, int MinTransactions, double Ratio) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.HighDeclineRate, 70, [.. RuleParameters.Common, "window", "minTransactions", "ratio"],
        m => new HighDeclineRateRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Int("minTransactions", 1, 1_000_000),
            m.Number("ratio", 0, 1)),
        new HighDeclineRateRule(false, 25, TimeSpan.FromHours(1), 6, 0.5),
        [new(ReasonCodes.HighDeclineRate,
            "{declined} of {transactions} payment attempts on your account in {windowMinutes:lastPeriod} were declined.",
            "您的账户{windowMinutes:lastPeriod}的 {transactions} 次支付尝试中有 {declined} 次被拒绝。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.HighDeclineRate;

    internal override void Evaluate(RuleContext context)
    {
        var d = TransactionWindow.Totals(context.State, Window, null);
        if (d.Count >= MinTransactions && d.DeclineRatio >= Ratio)
        {
            context.Fire(Weight, Code, ("declined", I(d.Declined)), ("transactions", I(d.Count)), ("declineRatio", Scorecard.Ratio(d.DeclineRatio)),
                ("ratioThreshold", Scorecard.Ratio(Ratio)), ("minTransactions", I(MinTransactions)), ("windowMinutes", Minutes(Window)));
        }
    }
}
