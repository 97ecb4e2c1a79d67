using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.HighUtilization"/>: outstanding balance close to the credit limit.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Ratio">Fires when outstanding / limit (from the latest repayment record carrying both) reaches this.</param>
public sealed record HighUtilizationRule(bool Enabled, int Weight, double Ratio) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.HighUtilization, 90, [.. RuleParameters.Common, "ratio"],
        m => new HighUtilizationRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), m.Number("ratio", 0, 10)),
        new HighUtilizationRule(false, 15, 0.9),
        [new(ReasonCodes.HighUtilization,
            "Your outstanding balance is {utilization:percent} of your credit limit.",
            "您的未还余额已达信用额度的 {utilization:percent}。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.HighUtilization;

    internal override void Evaluate(RuleContext context)
    {
        if (context.State.Utilization is { } u && (double)u.OutstandingMinor / u.CreditLimitMinor is var ratio && ratio >= Ratio)
        {
            context.Fire(Weight, Code, ("outstandingMinor", I(u.OutstandingMinor)), ("creditLimitMinor", I(u.CreditLimitMinor)),
                ("utilization", Scorecard.Ratio(ratio)), ("ratioThreshold", Scorecard.Ratio(Ratio)));
        }
    }
}
