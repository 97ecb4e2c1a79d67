namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.HighUtilization"/>: outstanding balance close to the credit limit.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Ratio">Fires when outstanding / limit (from the latest repayment record carrying both) reaches this.</param>
public sealed record HighUtilizationRule(bool Enabled, int Weight, double Ratio) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.HighUtilization;
}
