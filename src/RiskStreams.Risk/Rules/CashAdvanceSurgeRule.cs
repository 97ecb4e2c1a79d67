using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.CashAdvanceSurge"/>: cash advances making up most of the credit line's use, judged per currency
/// (cash advances against spend of the same currency); the first currency (ordinal order) that fires is reported.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of approved spend.</param>
/// <param name="Share">Fires when approved cash advances / approved spend reaches this ...</param>
/// <param name="MinAmountMinor">... and the cash advances in the window reach this amount (minor units, per currency).</param>
public sealed record CashAdvanceSurgeRule(bool Enabled, int Weight, TimeSpan Window, double Share, CurrencyAmount MinAmountMinor) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.CashAdvanceSurge, 80, [.. RuleParameters.Common, "window", "share", "minAmountMinor"],
        m => new CashAdvanceSurgeRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Number("share", 0, 1),
            m.Amount("minAmountMinor", 0, long.MaxValue)),
        new CashAdvanceSurgeRule(false, 30, TimeSpan.FromHours(24), 0.6, 200_000),
        [new(ReasonCodes.CashAdvanceSurge,
            "Cash withdrawals made up {cashAdvanceShare:percent} of the use of your credit line in {windowMinutes:lastPeriod}.",
            "{windowMinutes:lastPeriod}，取现占您信用额度使用的 {cashAdvanceShare:percent}。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.CashAdvanceSurge;

    internal override void Evaluate(RuleContext context)
    {
        var s = context.State;
        foreach (var currency in TransactionWindow.CurrenciesInOrder(s))
        {
            var c = TransactionWindow.Totals(s, Window, currency);
            var min = MinAmountMinor.For(currency);
            if (c.CashAdvanceMinor >= min && c.CashAdvanceMinor > 0 && c.CashAdvanceShare >= Share)
            {
                context.Fire(Weight, Code,
                    ("cashAdvanceMinor", I(c.CashAdvanceMinor)), ("spendMinor", I(c.SpendMinor)), ("cashAdvanceShare", Ratio(c.CashAdvanceShare)),
                    ("shareThreshold", Ratio(Share)), ("minAmountMinor", I(min)), ("windowMinutes", Minutes(Window)), ("currency", currency));
                return;
            }
        }
    }
}
