namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.LoginFailures"/>: many failed logins in a short window.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window for counting failed logins.</param>
/// <param name="Threshold">Failed logins in the window that fire the rule.</param>
public sealed record LoginFailuresRule(bool Enabled, int Weight, TimeSpan Window, int Threshold) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.LoginFailures;
}
