using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.NewDevice"/>: a successful login from a device the account has not used before.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="MfaExempts">True when a login that passed MFA does not count as a new-device signal.</param>
/// <param name="SignalWindow">How long after the login the signal keeps counting.</param>
/// <param name="MaxKnownDevices">Devices remembered per account; the least recently used is forgotten first.</param>
public sealed record NewDeviceRule(bool Enabled, int Weight, bool MfaExempts, TimeSpan SignalWindow, int MaxKnownDevices) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.NewDevice, 20, [.. RuleParameters.Common, "mfaExempts", "signalWindow", "maxKnownDevices"],
        m => new NewDeviceRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), m.Bool("mfaExempts"), RuleParameters.SignalWindow(m),
            m.Int("maxKnownDevices", 1, StateLimits.MaxKnownDevices)),
        new NewDeviceRule(false, 15, true, TimeSpan.FromHours(1), 8),
        [
            new(ReasonCodes.NewDevice,
                "Your account was signed in to from a device we have not seen before, without two-step verification.",
                "您的账户在一台我们从未见过的设备上登录，且未通过两步验证。", WhenKey: "mfaExempts", WhenValue: "true"),
            new(ReasonCodes.NewDevice,
                "Your account was signed in to from a device we have not seen before.",
                "您的账户在一台我们从未见过的设备上登录。"),
        ]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.NewDevice;

    internal override void Evaluate(RuleContext context)
    {
        var s = context.State;
        if (s.NewDeviceSignal is { } signal && context.Now - signal.AtMs <= StateLimits.Ms(SignalWindow))
        {
            context.Fire(Weight, Code, ("deviceId", signal.DeviceId), ("knownDevices", I(s.KnownDevices.Count - 1)),
                ("signalWindowMinutes", Minutes(SignalWindow)), ("mfaExempts", MfaExempts ? "true" : "false"));
        }
    }
}
