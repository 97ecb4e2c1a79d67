namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.SpendSpike"/>: approved spend in a window far above the account's own recent history.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of spend being judged.</param>
/// <param name="Multiple">Fires when window spend exceeds this multiple of the baseline's average transaction.</param>
/// <param name="FloorMinor">Window spend below this (minor units) never counts as a spike.</param>
/// <param name="BaselineWindow">History the baseline averages over (whole days), excluding the judged window.</param>
/// <param name="BaselineMinCount">Approved transactions the baseline needs before it is trusted.</param>
public sealed record SpendSpikeRule(
    bool Enabled, int Weight, TimeSpan Window, double Multiple, CurrencyAmount FloorMinor, TimeSpan BaselineWindow, int BaselineMinCount)
    : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.SpendSpike;
}
