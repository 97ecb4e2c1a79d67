namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.HighDeclineRate"/>: a high share of declined transaction attempts.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of attempts.</param>
/// <param name="MinTransactions">Attempts needed in the window before the ratio is judged.</param>
/// <param name="Ratio">Fires when declined / attempts reaches this.</param>
public sealed record HighDeclineRateRule(bool Enabled, int Weight, TimeSpan Window, int MinTransactions, double Ratio) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.HighDeclineRate;
}
