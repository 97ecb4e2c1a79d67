namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.CashAdvanceSurge"/>: cash advances making up most of the credit line's use.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of approved spend.</param>
/// <param name="Share">Fires when approved cash advances / approved spend reaches this ...</param>
/// <param name="MinAmountMinor">... and the cash advances in the window reach this amount (minor units).</param>
public sealed record CashAdvanceSurgeRule(bool Enabled, int Weight, TimeSpan Window, double Share, CurrencyAmount MinAmountMinor) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.CashAdvanceSurge;
}
