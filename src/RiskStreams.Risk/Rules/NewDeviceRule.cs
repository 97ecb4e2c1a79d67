namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.NewDevice"/>: a successful login from a device the account has not used before.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="MfaExempts">True when a login that passed MFA does not count as a new-device signal.</param>
/// <param name="SignalWindow">How long after the login the signal keeps counting.</param>
/// <param name="MaxKnownDevices">Devices remembered per account; the least recently used is forgotten first.</param>
public sealed record NewDeviceRule(bool Enabled, int Weight, bool MfaExempts, TimeSpan SignalWindow, int MaxKnownDevices) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.NewDevice;
}
