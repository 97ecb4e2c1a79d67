namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.SmallTxnProbing"/>: tiny transactions at many distinct merchants (card testing).</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window for the pattern.</param>
/// <param name="MaxAmountMinor">A transaction at or below this amount (minor units) is small.</param>
/// <param name="DistinctMerchants">Distinct merchants with a small transaction in the window that fire the rule.</param>
public sealed record SmallTxnProbingRule(bool Enabled, int Weight, TimeSpan Window, CurrencyAmount MaxAmountMinor, int DistinctMerchants) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.SmallTxnProbing;
}
