namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.TxnVelocity"/>: unusually many transaction attempts in a short window.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window for counting attempts (approved or declined).</param>
/// <param name="Count">Attempts in the window that fire the rule.</param>
public sealed record TxnVelocityRule(bool Enabled, int Weight, TimeSpan Window, int Count) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.TxnVelocity;
}
